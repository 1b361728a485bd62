using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PakAzBot.Teams;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Teams;

/// <summary>Everything the host logs, with its exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), exception,
                state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToList() : []));
    }
}

[Collection(HostCollection.Name)]
public sealed class TeamsShutdownTests
{
    private sealed class FakeTokens : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("outbound-test-token");
    }

    [Fact]
    public async Task ShutdownEndsWithinTheTimeoutWhateverIsQueuedAndLogsWhatItDrops()
    {
        await using var framework = await FakeBotFramework.StartAsync();
        framework.ConnectorDelay = TimeSpan.FromMinutes(10); // a Bot Connector that never answers
        var logs = new CapturingLoggerProvider();
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            var bot = await TestBot.StartAsync(false, true, services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider, FakeTokens>());
                services.AddSingleton<ILoggerProvider>(logs);
            }, [.. framework.Settings, "RateLimit:PermitLimit=1000", "shutdownTimeoutSeconds=2"]);

            const int Messages = 12;
            await PostMessages(bot, framework, Messages);

            var clock = Stopwatch.StartNew();
            await bot.DisposeAsync();
            clock.Stop();

            // 2 s allowed; a little more for disposing on a busy machine, far less than a reply's 30 s of retries.
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var entries = logs.Entries.ToList();
            var dropped = Assert.Single(entries, e => e.Category == typeof(TeamsOutbox).FullName && e.Event.Name == "RepliesDropped");
            Assert.Equal(LogLevel.Warning, dropped.Level);
            Assert.Equal(Messages, Convert.ToInt32(dropped.State.Single(p => p.Key == "Count").Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.DoesNotContain(entries, e => Chain(e.Exception).Any(x => x is ObjectDisposedException));
            Assert.DoesNotContain(unobserved, e => Chain(e).Any(x => x is ObjectDisposedException));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }
    }

    [Fact]
    public async Task AShutdownStillSendsWhatIsQueuedWhenTheConnectorAnswers()
    {
        await using var framework = await FakeBotFramework.StartAsync();
        framework.ConnectorDelay = TimeSpan.FromMilliseconds(150);
        var logs = new CapturingLoggerProvider();
        var bot = await TestBot.StartAsync(false, true, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider, FakeTokens>());
            services.AddSingleton<ILoggerProvider>(logs);
        }, [.. framework.Settings, "RateLimit:PermitLimit=1000", "shutdownTimeoutSeconds=20"]);

        await PostMessages(bot, framework, 6);
        await bot.DisposeAsync();

        Assert.Equal(6, framework.Replies.Count(r => r.Status == 200));
        Assert.DoesNotContain(logs.Entries, e => e.Event.Name == "RepliesDropped");
    }

    private static async Task PostMessages(TestBot bot, FakeBotFramework framework, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = $"16900000000{i:D2}",
                ["serviceUrl"] = framework.BaseUrl,
                ["channelId"] = "msteams",
                ["from"] = new JsonObject { ["id"] = "29:user-id", ["name"] = "Amina" },
                ["conversation"] = new JsonObject { ["id"] = "a:1personal-chat", ["conversationType"] = "personal" },
                ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "PakAzBot" },
                ["text"] = "When did Pakistan recognize Azerbaijan?",
            };
            var request = new HttpRequestMessage(HttpMethod.Post, TeamsExtensions.Route) { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", framework.ChannelToken(framework.BaseUrl));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await bot.Client.SendAsync(request)).StatusCode);
        }
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
