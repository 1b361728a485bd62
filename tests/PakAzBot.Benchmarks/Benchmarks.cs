using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Discord;
using PakAzBot.Search;
using PakAzBot.Teams;

namespace PakAzBot.Benchmarks;

/// <summary>Where the seed knowledge is: the repository's knowledge folder.</summary>
public static class Corpora
{
    public const int Seed = 0;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PakAzBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }

    public static readonly string[] SeedQuestions =
    [
        "When did Pakistan recognize Azerbaijan?", "Who is the Azerbaijani ambassador?", "What was the bilateral trade turnover in 2018?",
        "Which fighter jet was Azerbaijan interested in purchasing?", "How many military units has Pakistan trained in Azerbaijan?",
        "What is the capital of France?", "When did Pakistan recognize India?", "why do islamabad and baku have good ties",
    ];

    /// <summary>The knowledge folder and questions for a size (0 = the seed knowledge).</summary>
    public static (string Folder, string[] Questions) Load(int paragraphs)
    {
        if (paragraphs == Seed)
        {
            return (Path.Combine(RepositoryRoot(), "knowledge"), SeedQuestions);
        }

        var (folder, questions) = SyntheticCorpus.Write(paragraphs);
        return (folder, questions.Select(q => q.Text).ToArray());
    }
}

/// <summary>Answering beside a bare BM25 search of the same question on the same index: the ratio is the answerer's own cost.</summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private LuceneIndex _index = null!;
    private Answerer _answerer = null!;
    private string[] _questions = null!;
    private int _next;

    [Params(Corpora.Seed, 10_000, 100_000)]
    public int Paragraphs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (folder, questions) = Corpora.Load(Paragraphs);
        _index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder));
        _answerer = new Answerer(_index);
        _questions = questions;
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true)]
    public int BareSearch() => _index.Search(_index.Analyze(_questions[_next++ % _questions.Length]), 10).Count;

    [Benchmark]
    public bool Answer() => _answerer.Ask(_questions[_next++ % _questions.Length]).Answered;
}

/// <summary>Validating and indexing a knowledge folder; paragraphs per second = Paragraphs / mean time.</summary>
public class IndexBuildBenchmarks
{
    private string _folder = null!;

    [Params(10_000)]
    public int Paragraphs { get; set; }

    [GlobalSetup]
    public void Setup() => _folder = Corpora.Load(Paragraphs).Folder;

    [Benchmark]
    public int LoadAndBuild()
    {
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(_folder));
        return index.Knowledge.Passages.Count;
    }
}

/// <summary>The per-request costs of the chat protocols.</summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private const string AppId = "8c7d1c1a-0000-4000-8000-0000000000b0";
    private DiscordSignature _signature = null!;
    private byte[] _body = null!;
    private string _signatureHex = null!;
    private string _timestamp = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;
    private Answer _answer = null!;

    [GlobalSetup]
    public void Setup()
    {
        // RFC 8032 section 7.1 TEST 1, a public test key.
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), KeyBlobFormat.RawPrivateKey);
        _signature = new DiscordSignature("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", TimeSpan.FromMinutes(5), TimeProvider.System);
        _body = Encoding.UTF8.GetBytes("{\"type\":2,\"data\":{\"name\":\"ask\",\"options\":[{\"name\":\"question\",\"type\":3,\"value\":\"When did Pakistan recognize Azerbaijan?\"}]}}");
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _signatureHex = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(_timestamp), .. _body]));

        var rsa = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k" };
        _handler = new JsonWebTokenHandler();
        _token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkAuth.ChannelIssuer, Audience = AppId, Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("serviceurl", "https://smba.trafficmanager.net/emea/")]),
            SigningCredentials = new SigningCredentials(rsa, SecurityAlgorithms.RsaSha256),
        });
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = BotFrameworkAuth.ChannelIssuer, ValidAudience = AppId, IssuerSigningKey = rsa, ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };

        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(Corpora.Load(Corpora.Seed).Folder));
        _answer = new Answerer(index).Ask("When did Pakistan recognize Azerbaijan?");
    }

    [Benchmark]
    public bool DiscordEd25519Verify() => _signature.Verify(_signatureHex, _timestamp, _body);

    [Benchmark]
    public async Task<bool> BotFrameworkTokenValidation() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public string RenderDiscord() => DiscordMessages.Answer(_answer, ephemeral: false).ToJsonString();

    [Benchmark]
    public string RenderTeams() => TeamsCards.Answer(_answer).ToJsonString();
}
