using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PakAzBot.Hosting;

namespace PakAzBot.Tests.Host;

/// <summary>The server stays up through a hostile knowledge folder, and a fatal error of its own exits non-zero.</summary>
[Collection(HostCollection.Name)]
public sealed class KnowledgeFaultHostTests
{
    private const string Token = "test-admin-token-0123456789";
    private const string AddedQuestion = "When was the consulate in Ganja opened?";
    private const string Added = "---\nid: added\ntitle: T\npublisher: Test Wire\npublished: 2023-01-10\nlanguage: en\n---\n\nOn 3 January 2023, the two foreign ministers opened a consulate in Ganja.\n";

    [Fact]
    public async Task ADanglingLinkAtStartIsReportedAndTheServerStaysUpToServeOnceItIsGone()
    {
        var knowledge = new TempFolder();
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(knowledge.Path, Path.GetFileName(file)));
        }

        File.CreateSymbolicLink(Path.Combine(knowledge.Path, "gone.md"), Path.Combine(knowledge.Path, "never-there.md"));
        await using var bot = await TestBot.StartAsync(false, false, services: null, $"Knowledge:Path={knowledge.Path}", $"Admin:Token={Token}");

        var health = await WaitForStatusAsync(bot, "failed");
        Assert.StartsWith("gone.md: ", health.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);

        File.Delete(Path.Combine(knowledge.Path, "gone.md"));
        File.WriteAllText(Path.Combine(knowledge.Path, "added.md"), Added);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reindex");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.SendAsync(request)).StatusCode);

        await AssertAnsweredFromAddedAsync(bot);
        knowledge.Dispose();
    }

    [Fact]
    public async Task WatchingSurvivesTheFolderDeletedAndCreatedAgain()
    {
        await using var bot = await TestBot.StartAsync(settings: ["Knowledge:Watch=true", "Knowledge:WatchDebounceMilliseconds=100"]);
        var files = Directory.GetFiles(bot.Knowledge.Path).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        Directory.Delete(bot.Knowledge.Path, recursive: true);
        await Task.Delay(500);
        Directory.CreateDirectory(bot.Knowledge.Path);
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(bot.Knowledge.Path, name), bytes);
        }

        await Task.Delay(500);
        File.WriteAllText(Path.Combine(bot.Knowledge.Path, "added.md"), Added);

        await WaitForDocumentsAsync(bot, 2);
        await AssertAnsweredFromAddedAsync(bot);
    }

    [Fact]
    public async Task WatchingSurvivesTheFolderSwappedByRename()
    {
        await using var bot = await TestBot.StartAsync(settings: ["Knowledge:Watch=true", "Knowledge:WatchDebounceMilliseconds=100"]);
        var replacement = bot.Knowledge.Path + ".new";
        var retired = bot.Knowledge.Path + ".old";
        Directory.CreateDirectory(replacement);
        foreach (var file in Directory.GetFiles(bot.Knowledge.Path))
        {
            File.Copy(file, Path.Combine(replacement, Path.GetFileName(file)));
        }

        try
        {
            Directory.Move(bot.Knowledge.Path, retired);
            Directory.Move(replacement, bot.Knowledge.Path);
            await Task.Delay(500);

            // A watch that stayed on the retired folder would not see this.
            File.WriteAllText(Path.Combine(bot.Knowledge.Path, "added.md"), Added);

            await WaitForDocumentsAsync(bot, 2);
            await AssertAnsweredFromAddedAsync(bot);
        }
        finally
        {
            if (Directory.Exists(retired))
            {
                Directory.Delete(retired, recursive: true);
            }
        }
    }

    [Fact]
    public void ABackgroundServiceThatFailsStopsTheServerWithANonZeroExitCode()
    {
        using var knowledge = new TempFolder();
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(knowledge.Path, Path.GetFileName(file)));
        }

        var app = BotHost.Build([$"--Knowledge:Path={knowledge.Path}", "--Logging:LogLevel:Default=None"], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddHostedService<Failing>();
        });
        var error = new StringWriter();

        var code = PakAzBot.Commands.ServeCommand.RunHost(app, error);

        Assert.Equal(PakAzBot.Cli.Failed, code);
        Assert.Contains(nameof(Failing), error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForStatusAsync(TestBot bot, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var body = await (await bot.Client.GetAsync("/healthz")).Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("status").GetString() == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/healthz did not say '{status}' within 20 s: {body}");
            await Task.Delay(50);
        }
    }

    private static async Task WaitForDocumentsAsync(TestBot bot, int documents)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await bot.WaitForGenerationAsync(1)).GetProperty("documents").GetInt32() != documents)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the index did not reach {documents} documents within 20 s");
            await Task.Delay(50);
        }
    }

    private static async Task AssertAnsweredFromAddedAsync(TestBot bot)
    {
        var (status, answer) = await bot.AskAsync(AddedQuestion);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("answered").GetBoolean(), answer.ToString());
        Assert.Equal("2023-01-03", answer.GetProperty("date").GetString());
    }

    private sealed class Failing : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new InvalidOperationException("a fatal error");
        }
    }
}
