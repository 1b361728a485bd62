using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Hosting;

namespace PakAzBot.Tests.Host;

/// <summary>
/// Host tests run one at a time: OpenTelemetry listens to meters by name across the process, so two hosts at once
/// would count each other's questions.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "host";
}

/// <summary>
/// A running bot host over its own copy of the knowledge folder, either in memory (TestServer) or on a real
/// loopback port (for the browser). Settings are given as configuration keys.
/// </summary>
internal sealed class TestBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBot(WebApplication app, TempFolder knowledge)
    {
        _app = app;
        Knowledge = knowledge;
    }

    public TempFolder Knowledge { get; }

    public HttpClient Client { get; private set; } = null!;

    public TestServer Server => (TestServer)_app.Services.GetService(typeof(IServer))!;

    public IServiceProvider Services => _app.Services;

    public static Task<TestBot> StartAsync(bool realServer = false, bool waitForIndex = true, params string[] settings) =>
        StartAsync(realServer, waitForIndex, services: null, settings);

    public static async Task<TestBot> StartAsync(bool realServer, bool waitForIndex, Action<IServiceCollection>? services, params string[] settings)
    {
        var knowledge = new TempFolder();
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(knowledge.Path, Path.GetFileName(file)));
        }

        var args = new List<string> { $"--Knowledge:Path={knowledge.Path}", "--Knowledge:Watch=false", "--Logging:LogLevel:Default=Warning" };
        args.AddRange(settings.Select(s => "--" + s));
        if (realServer)
        {
            args.Add("--urls=http://127.0.0.1:0");
        }

        var app = BotHost.Build([.. args], builder =>
        {
            if (!realServer)
            {
                builder.WebHost.UseTestServer();
            }

            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var bot = new TestBot(app, knowledge);
        bot.Client = realServer
            ? new HttpClient { BaseAddress = new Uri(Loopback.Address(app)) }
            : app.GetTestClient();
        if (waitForIndex)
        {
            await bot.WaitForGenerationAsync(1);
        }

        return bot;
    }

    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>Waits until /healthz reports at least this generation.</summary>
    public async Task<JsonElement> WaitForGenerationAsync(int generation, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var response = await Client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var health = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (health.GetProperty("generation").GetInt32() >= generation)
                {
                    return health;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"generation {generation} did not go live within {seconds} s");
            }

            await Task.Delay(50);
        }
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(string question)
    {
        var response = await Client.PostAsJsonAsync("/api/ask", new { question });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Asserts the API's JSON error: this status, in the body's "status" too, and a body that says <paramref name="message"/>.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, int status, string message)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, json, StringComparison.Ordinal);
        Assert.Equal(status, JsonDocument.Parse(json).RootElement.GetProperty("status").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Knowledge.Dispose();
    }
}
