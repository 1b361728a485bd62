using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PakAzBot.Tests.Host;

[Collection(HostCollection.Name)]
public sealed class LiveReindexTests
{
    private const string Token = "test-admin-token-0123456789";
    private const string BadDocument = "---\nid: bad\ntitle: T\npublisher: P\npublished: 2022-13-01\nlanguage: en\n---\n\nText.\n";

    private static HttpRequestMessage Reindex(string? token = Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reindex");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    [Fact]
    public async Task QuestionsAskedDuringReindexingAllSucceed()
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}", "RateLimit:PermitLimit=100000"]);
        var article = Path.Combine(bot.Knowledge.Path, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md");
        var original = await File.ReadAllTextAsync(article);
        using var stop = new CancellationTokenSource();

        var askers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var answered = 0;
            while (!stop.IsCancellationRequested)
            {
                var (status, answer) = await bot.AskAsync("When did Pakistan recognize Azerbaijan?");
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Contains("December 12, 1991", FirstInReply.QuoteOf(answer), StringComparison.Ordinal);
                answered++;
            }

            return answered;
        })).ToList();

        for (var i = 0; i < 6; i++)
        {
            // Each rebuild sees changed knowledge, so each one builds and swaps in a new generation.
            await File.WriteAllTextAsync(article, original + $"\nA paragraph added by rebuild {i}.\n");
            var response = await bot.Client.SendAsync(Reindex());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await stop.CancelAsync();
        var counts = await Task.WhenAll(askers);

        Assert.All(counts, c => Assert.True(c > 0));
        var health = await bot.WaitForGenerationAsync(7);
        Assert.Equal(25, health.GetProperty("paragraphs").GetInt32());
    }

    [Fact]
    public async Task ABadDocumentLeavesTheOldIndexServingAndReportsEveryError()
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}"]);
        bot.Knowledge.Write("bad.md", BadDocument);
        bot.Knowledge.Write("worse.md", "no front matter\n");

        var response = await bot.Client.SendAsync(Reindex());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("succeeded").GetBoolean());
        Assert.Equal(1, result.GetProperty("generation").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["bad.md", "worse.md"], errors.Select(e => e.GetProperty("file").GetString()).Order());
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 5 && e.GetProperty("message").GetString()!.Contains("YYYY-MM-DD", StringComparison.Ordinal));

        var (status, answer) = await bot.AskAsync("When did Pakistan recognize Azerbaijan?");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("answered").GetBoolean());
        var health = await bot.WaitForGenerationAsync(1);
        Assert.Equal(1, health.GetProperty("generation").GetInt32());
        Assert.Equal(2, health.GetProperty("lastReindexErrors").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-wrong-token")]
    public async Task TheAdminApiRefusesAMissingOrWrongToken(string? token)
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}"]);

        var response = await bot.Client.SendAsync(Reindex(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task AnUnchangedFolderIsNotRebuilt()
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}"]);

        var result = await (await bot.Client.SendAsync(Reindex())).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(result.GetProperty("succeeded").GetBoolean());
        Assert.False(result.GetProperty("changed").GetBoolean());
        Assert.Equal(1, result.GetProperty("generation").GetInt32());
    }

    [Fact]
    public async Task WatchingTheFolderRebuildsAfterAChange()
    {
        await using var bot = await TestBot.StartAsync(settings: ["Knowledge:Watch=true", "Knowledge:WatchDebounceMilliseconds=100"]);

        bot.Knowledge.Write("second.md", "---\nid: second\ntitle: Second\npublisher: Test Wire\npublished: 2023-01-05\nlanguage: en\n---\n\nOn 3 January 2023, the two sides met in Baku.\n");

        var health = await bot.WaitForGenerationAsync(2);
        Assert.Equal(2, health.GetProperty("documents").GetInt32());
    }

    [Fact]
    public async Task HealthIs503WithTheErrorsWhileNoIndexIsLive()
    {
        var knowledge = new TempFolder();
        knowledge.Write("bad.md", BadDocument);
        await using var bot = await TestBot.StartAsync(waitForIndex: false, settings: [$"Knowledge:Path={knowledge.Path}"]);

        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            response = await bot.Client.GetAsync("/healthz");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("status").GetString() == "failed")
            {
                Assert.Contains("bad.md:5:", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var ask = await bot.Client.PostAsJsonAsync("/api/ask", new { question = "When did Pakistan recognize Azerbaijan?" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ask.StatusCode);
        knowledge.Dispose();
    }

    [Fact]
    public async Task AFloodFromOneClientIsSlowedWhileOthersAreServed()
    {
        await using var bot = await TestBot.StartAsync(settings: ["RateLimit:PermitLimit=3", "RateLimit:WindowSeconds=60"]);

        async Task<HttpContext> Ask(string address) => await bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = "POST";
            context.Request.Path = "/api/ask";
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream("{\"question\":\"When did Pakistan recognize Azerbaijan?\"}"u8.ToArray());
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await Ask("10.0.0.1")).Response.StatusCode);
        }

        var flooded = await Ask("10.0.0.1");
        Assert.Equal(429, flooded.Response.StatusCode);
        var body = await new StreamReader(flooded.Response.Body).ReadToEndAsync();
        Assert.Contains("Slow down", body, StringComparison.Ordinal);
        Assert.Equal(200, (await Ask("10.0.0.2")).Response.StatusCode);
    }

    [Fact]
    public async Task ABadSettingStopsTheStartNamingIt()
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["serve", "--knowledge", TestPaths.Knowledge, "--urls", "http://127.0.0.1:0", "--RateLimit:PermitLimit=0", "--Knowledge:Watch=false"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("RateLimit:PermitLimit must be between 1 and 100000", error.ToString(), StringComparison.Ordinal);
    }
}
