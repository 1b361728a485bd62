using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Core.Feedback;

namespace PakAzBot.Tests.Host;

/// <summary>
/// The web API's picks among suggestions: a question the sources do not answer gets the closest passages and a reply
/// id; picking one answers from that passage and is recorded, one pick per browser per reply; bad input is a 4xx.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebPickTests : IAsyncLifetime
{
    private readonly TempFolder _feedback = new();
    private TestBot _bot = null!;

    // Two browsers, by the ids their pages keep.
    private const string ClientA = "client-aaaaaaaa";
    private const string ClientB = "client-bbbbbbbb";

    public async Task InitializeAsync() =>
        _bot = await TestBot.StartAsync(settings: [$"Feedback:Path={Path.Combine(_feedback.Path, "feedback.db")}", "RateLimit:PermitLimit=1000"]);

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _feedback.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        var response = await _bot.Client.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private Task<IReadOnlyList<PickEntry>> PicksAsync() => _bot.Services.GetRequiredService<IFeedbackStore>().ReadPicksAsync();

    [Fact]
    public async Task APickAnswersFromThatPassageAndIsRecordedOncePerBrowserPerReply()
    {
        var (status, asked) = await _bot.AskAsync(Questions.Suggested);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("suggested", asked.GetProperty("outcome").GetString());
        var replyId = asked.GetProperty("replyId").GetString()!;
        var suggestions = asked.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        var (first, last) = (suggestions[0], suggestions[^1]);

        var (pickStatus, picked) = await PostAsync("/api/pick", new { question = Questions.Suggested, passageId = first.GetProperty("passageId").GetString(), replyId, clientId = ClientA });
        // A second thought on the same reply replaces the first; another browser's "none of these" is its own.
        var (againStatus, _) = await PostAsync("/api/pick", new { question = Questions.Suggested, passageId = last.GetProperty("passageId").GetString(), replyId, clientId = ClientA });
        var (noneStatus, none) = await PostAsync("/api/none-of-these", new { question = Questions.Suggested, replyId, clientId = ClientB });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (pickStatus, againStatus, noneStatus));
        Assert.True(picked.GetProperty("picked").GetBoolean());
        Assert.Equal("answered", picked.GetProperty("outcome").GetString());
        Assert.Equal(replyId, picked.GetProperty("replyId").GetString());
        var cited = picked.GetProperty("citations")[0];
        Assert.Equal(first.GetProperty("passageId").GetString(), cited.GetProperty("passageId").GetString());
        Assert.Contains(picked.GetProperty("answer").GetString()!, cited.GetProperty("quote").GetString()!, StringComparison.Ordinal);
        Assert.True(none.GetProperty("recorded").GetBoolean());

        var picks = await PicksAsync();
        Assert.Equal(2, picks.Count);
        var mine = Assert.Single(picks, p => p.UserId == ClientA);
        Assert.Equal(("web", replyId, Questions.Suggested, last.GetProperty("passageId").GetString()), (mine.Surface, mine.Reply, mine.Question, mine.PassageId));
        Assert.True(Assert.Single(picks, p => p.UserId == ClientB).NoneOfThese);

        var metrics = await _bot.Client.GetStringAsync("/metrics");
        Assert.Matches(@"pakazbot_picks_total\{[^}]*outcome=""picked""[^}]*surface=""web""[^}]*\} 2", metrics);
        Assert.Matches(@"pakazbot_picks_total\{[^}]*outcome=""none""[^}]*surface=""web""[^}]*\} 1", metrics);
    }

    [Fact]
    public async Task EveryReplyHasItsOwnId()
    {
        var (_, one) = await _bot.AskAsync(Questions.Suggested);
        var (_, two) = await _bot.AskAsync("When did Pakistan recognize Azerbaijan?");

        Assert.Matches("^[0-9a-f]{24}$", one.GetProperty("replyId").GetString());
        Assert.NotEqual(one.GetProperty("replyId").GetString(), two.GetProperty("replyId").GetString());
    }

    [Fact]
    public async Task APickOfAPassageNotInTheSourcesIsANotFoundAndNotRecorded()
    {
        var (status, body) = await PostAsync("/api/pick", new { question = Questions.Suggested, passageId = "no-such-document#3", replyId = "reply-0001", clientId = ClientA });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Empty(await PicksAsync());
    }

    private const string Passage = "tdi-2022-06-11-pakistan-azerbaijan-30-years#11";

    // Field values as JSON: a question, a passage of the sources, and well-formed reply and client ids.
    private const string Q = "\"When?\"", P = "\"" + Passage + "\"", R = "\"reply-0001\"", C = "\"client-aaaaaaaa\"";

    /// <summary>A JSON object of these fields, each value written as JSON (so a value may be of any type, or broken).</summary>
    private static string Body(params (string Name, string Json)[] fields) => "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    public static TheoryData<string, string, int, string> BadPicks => new()
    {
        { "/api/pick", "", 400, "not valid JSON" },
        { "/api/pick", "[]", 400, "replyId" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", R)), 400, "clientId" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", "\"short\""), ("clientId", C)), 400, "replyId" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", "\"reply 0001 <b>\""), ("clientId", C)), 400, "replyId" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", "\"" + new string('r', 65) + "\""), ("clientId", C)), 400, "replyId" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", R), ("clientId", "7")), 400, "clientId" },
        { "/api/pick", Body(("passageId", P), ("replyId", R), ("clientId", C)), 400, "question" },
        { "/api/pick", Body(("question", "\"  \""), ("passageId", P), ("replyId", R), ("clientId", C)), 400, "empty" },
        { "/api/pick", Body(("question", "\"" + new string('a', 501) + "\""), ("passageId", P), ("replyId", R), ("clientId", C)), 400, "longer than 500" },
        { "/api/pick", Body(("question", Q), ("replyId", R), ("clientId", C)), 400, "passageId" },
        { "/api/pick", Body(("question", Q), ("passageId", "\"\""), ("replyId", R), ("clientId", C)), 400, "passageId" },
        { "/api/pick", Body(("question", Q), ("passageId", "\"" + new string('x', 5000) + "\""), ("replyId", R), ("clientId", C)), 400, "passageId" },
        { "/api/pick", Body(("question", Q), ("passageId", "[" + P + "]"), ("replyId", R), ("clientId", C)), 400, "passageId" },
        { "/api/pick", Body(("question", Q), ("passageId", "\"\\ud800\""), ("replyId", R), ("clientId", C)), 400, "surrogate" },
        { "/api/pick", Body(("question", "\"When\\udc00?\""), ("passageId", P), ("replyId", R), ("clientId", C)), 400, "surrogate" },
        { "/api/pick", Body(("question", Q), ("passageId", "\"../../etc/passwd\""), ("replyId", R), ("clientId", C)), 404, "not in my sources" },
        { "/api/pick", Body(("question", Q), ("passageId", P), ("replyId", R), ("clientId", C), ("x", "\"" + new string('a', 70_000) + "\"")), 413, "larger than 64 KB" },
        { "/api/none-of-these", Body(("question", Q), ("replyId", R)), 400, "clientId" },
        { "/api/none-of-these", Body(("question", Q), ("replyId", "null"), ("clientId", C)), 400, "replyId" },
        { "/api/none-of-these", Body(("question", "{}"), ("replyId", R), ("clientId", C)), 400, "question" },
        { "/api/none-of-these", Body(("question", "\"<b></b>\""), ("replyId", R), ("clientId", C)), 400, "empty" },
        { "/api/none-of-these", Body(("question", "\"\\ud800\""), ("replyId", R), ("clientId", C)), 400, "surrogate" },
        { "/api/none-of-these", "null", 400, "replyId" },
    };

    [Theory]
    [MemberData(nameof(BadPicks))]
    public async Task BadPicksGetAClearJsonErrorNeverA500(string path, string body, int status, string message)
    {
        await TestBot.AssertErrorAsync(await _bot.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), status, message);

        Assert.Empty(await PicksAsync());
    }

    [Theory]
    [InlineData("/api/pick")]
    [InlineData("/api/none-of-these")]
    public async Task APickThatIsNotJsonIsAnUnsupportedMediaType(string path)
    {
        var response = await _bot.Client.PostAsync(path, new StringContent("passageId=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task RandomBodiesNeverGetA500()
    {
        var random = new Random(17);
        string[] pieces = ["{", "}", "[", "]", "\"question\"", "\"passageId\"", "\"replyId\"", "\"clientId\"", ":", ",", "\"reply-0001\"", "\"" + Passage + "\"",
            "\"\\ud800\"", "\"\\u0000\"", "null", "1e999", "-0", "true", "\"client-aaaaaaaa\"", "\"When did Pakistan recognize Azerbaijan?\"", "\u00e9", "\\"];
        for (var i = 0; i < 200; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (var path in new[] { "/api/pick", "/api/none-of-these" })
            {
                var response = await _bot.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True((int)response.StatusCode is 200 or (>= 400 and < 500), $"{path} {body}: {(int)response.StatusCode}");
            }
        }
    }
}
