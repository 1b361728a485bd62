using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Search;

[Collection(HostCollection.Name)]
public sealed class SemanticHostTests
{
    [Fact]
    public async Task WithoutCachedVectorsTheHostAnswersAtOnceAndSwapsInTheVectorsWhenTheyAreDone()
    {
        using var folder = new TempFolder();
        var encoder = new FakeEncoder().Held();
        await using var bot = await TestBot.StartAsync(false, true, s => s.AddSingleton<ITextEncoder>(encoder),
            $"Search:VectorCache={Path.Combine(folder.Path, "vectors")}");

        var building = await bot.WaitForGenerationAsync(1);
        Assert.Equal("building", building.GetProperty("semantic").GetString());
        var (status, answer) = await bot.AskAsync("When did Pakistan recognize Azerbaijan?");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("December 12, 1991", FirstInReply.QuoteOf(answer), StringComparison.Ordinal);
        Assert.Null(bot.Services.GetRequiredService<LiveIndex>().Current!.Index.Semantic);

        encoder.Release();
        var ready = await WaitForSemanticAsync(bot, "ready");

        Assert.Equal(1, ready.GetProperty("generation").GetInt32());
        var live = bot.Services.GetRequiredService<LiveIndex>().Current!;
        Assert.Equal("fake-model", live.Index.Semantic!.Model);
        Assert.Equal(1, live.Number);
        Assert.True(File.Exists(Path.Combine(folder.Path, "vectors")));
        var metrics = await bot.Client.GetStringAsync("/metrics");
        Assert.Matches(@"pakazbot_index_semantic(\{[^}]*\})? 1\b", metrics);
        Assert.Matches(@"pakazbot_index_generation(\{[^}]*\})? 1\b", metrics);
    }

    [Fact]
    public async Task WithEveryVectorCachedTheFirstGenerationGoesLiveWithThemAndTheModelNeverEmbeds()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, "vectors");
        SemanticIndex.Build(Seed.Knowledge, new FakeEncoder(), cache);
        var encoder = new FakeEncoder();

        await using var bot = await TestBot.StartAsync(false, true, s => s.AddSingleton<ITextEncoder>(encoder), $"Search:VectorCache={cache}");

        var health = await bot.WaitForGenerationAsync(1);
        Assert.Equal("ready", health.GetProperty("semantic").GetString());
        Assert.NotNull(bot.Services.GetRequiredService<LiveIndex>().Current!.Index.Semantic);
        Assert.Empty(encoder.Encoded);
    }

    [Fact]
    public async Task SemanticOffServesBm25AloneAndSaysSo()
    {
        var encoder = new FakeEncoder();
        await using var bot = await TestBot.StartAsync(false, true, s => s.AddSingleton<ITextEncoder>(encoder), "Search:Semantic=false");

        var health = await bot.WaitForGenerationAsync(1);
        var (status, answer) = await bot.AskAsync("When did Pakistan recognize Azerbaijan?");

        Assert.Equal("off", health.GetProperty("semantic").GetString());
        Assert.Null(bot.Services.GetRequiredService<LiveIndex>().Current!.Index.Semantic);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("December 12, 1991", FirstInReply.QuoteOf(answer), StringComparison.Ordinal);
        Assert.Empty(encoder.Encoded);
    }

    [Fact]
    public async Task ARebuildDuringTheBackgroundEmbeddingWinsAndGetsItsOwnVectors()
    {
        using var folder = new TempFolder();
        var encoder = new FakeEncoder().Held();
        await using var bot = await TestBot.StartAsync(false, true, s => s.AddSingleton<ITextEncoder>(encoder),
            $"Search:VectorCache={Path.Combine(folder.Path, "vectors")}");
        var live = bot.Services.GetRequiredService<LiveIndex>();
        var article = Path.Combine(bot.Knowledge.Path, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md");
        await File.AppendAllTextAsync(article, "\nA paragraph added while the vectors were computed.\n");

        var result = await live.ReindexAsync("test");
        encoder.Release();
        var ready = await WaitForSemanticAsync(bot, "ready");

        Assert.Equal(2, result.Generation!.Number);
        Assert.Equal(2, ready.GetProperty("generation").GetInt32());
        Assert.Equal(25, ready.GetProperty("paragraphs").GetInt32());
        var added = live.Current!.Knowledge.Passages.Single(p => p.Text.StartsWith("A paragraph added while", StringComparison.Ordinal));
        var query = encoder.EncodeQuery("q");
        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(query, FakeEncoder.VectorOf(added.Text)), live.Current.Index.Semantic!.Similarity(query, added), 4);
    }

    [Fact]
    public async Task CliAskAndEvalRunWithAndWithoutSemantic()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        Assert.Equal(0, PakAzBot.Cli.Run(["--knowledge", TestPaths.Knowledge, "ask", "--no-semantic", "When did Pakistan recognize Azerbaijan?"], TextReader.Null, output, TextWriter.Null));
        Assert.Contains("December 12, 1991", output.ToString(), StringComparison.Ordinal);

        var eval = new StringWriter();
        Assert.Equal(0, PakAzBot.Cli.Run(["--knowledge", TestPaths.Knowledge, "eval", "--no-semantic", TestPaths.Data("dev.jsonl")], TextReader.Null, eval, TextWriter.Null));
        Assert.Contains("passage@1", eval.ToString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForSemanticAsync(TestBot bot, string state, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var health = await bot.Client.GetFromJsonAsync<JsonElement>("/healthz");
            if (health.GetProperty("semantic").GetString() == state)
            {
                return health;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"semantic did not become {state} within {seconds} s: {health}");
            }

            await Task.Delay(50);
        }
    }
}
