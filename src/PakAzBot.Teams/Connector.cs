using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PakAzBot.Teams;

/// <summary>The bearer token the bot sends with its replies, or null when it runs without an app id.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The client-credentials token for the Bot Connector (scope https://api.botframework.com/.default), from
/// Microsoft.Identity.Client, which caches it and fetches a new one shortly before it expires.
/// </summary>
internal sealed class MsalConnectorTokenProvider(IOptions<TeamsOptions> options) : IConnectorTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";

    private readonly Lazy<IConfidentialClientApplication> _app = new(() =>
        ConfidentialClientApplicationBuilder.Create(options.Value.AppId)
            .WithClientSecret(options.Value.AppPassword)
            .WithAuthority($"https://login.microsoftonline.com/{options.Value.TenantId}")
            .Build());

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}

/// <summary>Sends replies to the Bot Connector; retries on 429 and 5xx (honouring Retry-After) come from the resilience handler.</summary>
public sealed class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, IOptions<TeamsOptions> options)
{
    /// <summary>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId} ("Reply to Activity").</summary>
    public async Task ReplyAsync(TeamsReply reply, CancellationToken cancellationToken)
    {
        var url = $"{reply.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(reply.ConversationId)}/activities/{Uri.EscapeDataString(reply.ReplyToId)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(reply.Activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        // Without an app id the bot serves only local callers (the Emulator, scripts) and replies unsigned.
        var token = string.IsNullOrEmpty(options.Value.AppId) ? null : await tokens.GetTokenAsync(cancellationToken);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the connector answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}

/// <summary>A reply to send: where, in which conversation, to which activity.</summary>
public sealed record TeamsReply(string ServiceUrl, string ConversationId, string ReplyToId, JsonObject Activity);

/// <summary>
/// Replies wait here so the endpoint can answer 200 as soon as a reply is queued; one worker sends them in order.
/// On shutdown the queue keeps taking replies while the server finishes the requests in flight, then takes no more
/// and sends what it holds, but only within the host's shutdown timeout: what is still unsent then is dropped, the
/// send in progress is cancelled, and a warning says how many replies were lost.
/// </summary>
public sealed partial class TeamsOutbox(ConnectorClient connector, ILogger<TeamsOutbox> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly Channel<TeamsReply> _queue = Channel.CreateBounded<TeamsReply>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    // Never disposed: the worker may still be unwinding from its cancellation when the host disposes this service,
    // and a CancellationTokenSource without a timer holds nothing that needs releasing.
    private readonly CancellationTokenSource _abandon = new();
    private int _unsent;

    /// <summary>Queues a reply; false once the host has stopped and the queue takes no more.</summary>
    public async ValueTask<bool> EnqueueAsync(TeamsReply reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _unsent);
        try
        {
            await _queue.Writer.WriteAsync(reply, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Decrement(ref _unsent);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>
    /// Not yet: the server stops after this service (hosted services stop in reverse order), and the requests it
    /// finishes may still queue replies. The queue is drained in <see cref="StoppedAsync"/>, once the server is down.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends what is queued until the shutdown timeout (<paramref name="cancellationToken"/>), then gives up.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } worker)
        {
            await worker.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var unsent = Volatile.Read(ref _unsent);
        if (unsent > 0)
        {
            LogRepliesDropped(unsent);
        }

        // Ends the send in progress and the worker; it stops without waiting for them.
        await _abandon.CancelAsync();
    }

    // Reads until the queue is completed and empty, not until the stopping token fires, so a shutdown drains it.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reply in _queue.Reader.ReadAllAsync(_abandon.Token))
            {
                try
                {
                    await connector.ReplyAsync(reply, _abandon.Token);
                }
                catch (Exception e) when (!_abandon.IsCancellationRequested)
                {
                    LogSendFailed(e, reply.ServiceUrl, reply.ConversationId);
                }

                // Sent or failed for good (after the resilience handler's retries); a cancelled send never gets here.
                Interlocked.Decrement(ref _unsent);
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Shutdown gave up on the rest; StoppedAsync logged how many.
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Could not send a Teams reply to {ServiceUrl} (conversation {ConversationId})")]
    private partial void LogSendFailed(Exception exception, string serviceUrl, string conversationId);

    [LoggerMessage(EventId = 31, EventName = "RepliesDropped", Level = LogLevel.Warning, Message = "Shutting down: {Count} Teams reply(s) not sent within the shutdown timeout were dropped")]
    private partial void LogRepliesDropped(int count);
}
