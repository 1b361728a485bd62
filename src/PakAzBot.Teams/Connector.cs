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
/// On shutdown the queue takes no more and what is in it is still sent, within the host's shutdown time.
/// </summary>
public sealed partial class TeamsOutbox(ConnectorClient connector, ILogger<TeamsOutbox> logger) : BackgroundService
{
    private readonly Channel<TeamsReply> _queue = Channel.CreateBounded<TeamsReply>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _abandon = new();

    public ValueTask EnqueueAsync(TeamsReply reply, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(reply, cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        using var giveUp = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    // Reads until the queue is completed and empty, not until the stopping token fires, so a shutdown drains it.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var reply in _queue.Reader.ReadAllAsync(_abandon.Token))
        {
            try
            {
                await connector.ReplyAsync(reply, _abandon.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(e, reply.ServiceUrl, reply.ConversationId);
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Could not send a Teams reply to {ServiceUrl} (conversation {ConversationId})")]
    private partial void LogSendFailed(Exception exception, string serviceUrl, string conversationId);
}
