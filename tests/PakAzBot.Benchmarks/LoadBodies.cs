using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace PakAzBot.Benchmarks;

/// <summary>
/// Request bodies for tests/load/run.sh: <c>ask.bodies</c> (one <c>/api/ask</c> body a line) and
/// <c>discord.bodies</c> (one signed Discord <c>/ask</c> interaction a line, as "signature TAB body"). Line k of both
/// asks question k of the list (cycling), and each interaction has its own id, so the Discord row measures answering,
/// not the replay cache that answers a repeated interaction id from the first response.
/// </summary>
internal static class LoadBodies
{
    /// <summary>RFC 8032 section 7.1 TEST 1: a public test key; the load test's server trusts its public half.</summary>
    private const string TestSecretKey = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    public static void Write(string questionsFile, int count, string timestamp, string folder)
    {
        var questions = File.ReadAllLines(questionsFile).Where(q => q.Trim().Length > 0).ToArray();
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(TestSecretKey), KeyBlobFormat.RawPrivateKey);
        using var ask = new StreamWriter(Path.Combine(folder, "ask.bodies"));
        using var discord = new StreamWriter(Path.Combine(folder, "discord.bodies"));
        for (var k = 0; k < count; k++)
        {
            var question = questions[k % questions.Length];
            ask.WriteLine(new JsonObject { ["question"] = question }.ToJsonString());
            var body = Interaction(1_000_000_000_000_000_000 + k, question);
            var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body));
            discord.Write(Convert.ToHexStringLower(signature));
            discord.Write('\t');
            discord.WriteLine(body);
        }
    }

    private static string Interaction(long id, string question) => new JsonObject
    {
        ["type"] = 2,
        ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["application_id"] = "1",
        ["token"] = "t",
        ["version"] = 1,
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "42" }, ["permissions"] = "0" },
        ["data"] = new JsonObject
        {
            ["name"] = "ask",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question }),
        },
    }.ToJsonString();
}
