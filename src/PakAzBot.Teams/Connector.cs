using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PakAzBot.Teams;

/// <summary>The bearer token the bot sends with its replies, or null when it runs without an app id.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The token for the Bot Connector (resource https://api.botframework.com), from Microsoft.Identity.Client, which
/// caches it and fetches a new one shortly before it expires. Per <see cref="TeamsOptions.AppType"/>: client
/// credentials with a secret or a certificate from the app's tenant (botframework.com for MultiTenant), or the
/// user-assigned managed identity whose client id is the app id (MSAL finds the identity endpoint of App Service,
/// Azure VMs, Container Apps, Arc... from the environment).
/// </summary>
internal sealed class MsalConnectorTokenProvider(IOptions<TeamsOptions> options, IMsalHttpClientFactory? httpClientFactory = null) : IConnectorTokenProvider
{
    public const string Resource = "https://api.botframework.com";
    public const string Scope = Resource + "/.default";

    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>> _acquire = new(() => Build(options.Value, httpClientFactory));

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) => (await _acquire.Value(cancellationToken)).AccessToken;

    private static Func<CancellationToken, Task<AuthenticationResult>> Build(TeamsOptions o, IMsalHttpClientFactory? httpClientFactory)
    {
        if (o.AppType == TeamsAppType.UserAssignedMSI)
        {
            var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.AppId));
            if (httpClientFactory is not null)
            {
                builder = builder.WithHttpClientFactory(httpClientFactory);
            }

            var identity = builder.Build();
            return ct => identity.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(ct);
        }

        var app = ConfidentialClientApplicationBuilder.Create(o.AppId).WithAuthority($"https://login.microsoftonline.com/{o.Authority}");
        app = string.IsNullOrEmpty(o.AppPassword) ? app.WithCertificate(LoadCertificate(o), sendX5C: true) : app.WithClientSecret(o.AppPassword);
        if (httpClientFactory is not null)
        {
            app = app.WithHttpClientFactory(httpClientFactory);
        }

        var client = app.Build();
        return ct => client.AcquireTokenForClient([Scope]).ExecuteAsync(ct);
    }

    /// <summary>The certificate with its private key: from the PFX file, or by thumbprint from the user's then the machine's store.</summary>
    internal static X509Certificate2 LoadCertificate(TeamsOptions o)
    {
        if (!string.IsNullOrEmpty(o.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(o.CertificatePath, o.CertificatePassword);
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, o.CertificateThumbprint!, validOnly: false);
                if (found.Count > 0 && found[0].HasPrivateKey)
                {
                    return found[0];
                }
            }
            catch (CryptographicException)
            {
                // No such store on this machine (Linux has no machine store): look in the next.
            }
        }

        throw new InvalidOperationException($"Teams:CertificateThumbprint: no certificate with a private key and thumbprint {o.CertificateThumbprint} in the My store");
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
/// Replies wait here so the endpoint can answer 200 as soon as a reply is queued. Each service URL (a Bot Connector
/// region) has its own queue and worker, which sends its replies in order; the HTTP client's resilience pipeline,
/// with its retries and circuit breaker, is also per service URL (<c>SelectPipelineByAuthority</c>), so a region
/// that is down delays no other. On shutdown the queues keep taking replies while the server finishes the requests
/// in flight, then take no more and send what they hold, but only within the host's shutdown timeout: what is still
/// unsent then is dropped, the sends in progress are cancelled, and a warning says how many replies were lost.
/// </summary>
public sealed partial class TeamsOutbox(ConnectorClient connector, ILogger<TeamsOutbox> logger) : IHostedLifecycleService
{
    private const int LaneCapacity = 10_000;

    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    // Never disposed: workers may still be unwinding from its cancellation when the host disposes this service,
    // and a CancellationTokenSource without a timer holds nothing that needs releasing.
    private readonly CancellationTokenSource _abandon = new();
    private bool _closed;
    private int _unsent;

    /// <summary>Queues a reply; false once the host has stopped and the queues take no more.</summary>
    public async ValueTask<bool> EnqueueAsync(TeamsReply reply, CancellationToken cancellationToken)
    {
        Lane lane;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            var key = reply.ServiceUrl.TrimEnd('/');
            if (!_lanes.TryGetValue(key, out lane!))
            {
                lane = new Lane(Channel.CreateBounded<TeamsReply>(new BoundedChannelOptions(LaneCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }));
                lane.Worker = Task.Run(() => SendAllAsync(lane.Queue.Reader), CancellationToken.None);
                _lanes.Add(key, lane);
            }

            Interlocked.Increment(ref _unsent);
        }

        try
        {
            await lane.Queue.Writer.WriteAsync(reply, cancellationToken);
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

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Not yet: the server stops after this service (hosted services stop in reverse order), and the requests it
    /// finishes may still queue replies. The queues are drained in <see cref="StoppedAsync"/>, once the server is down.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends what is queued until the shutdown timeout (<paramref name="cancellationToken"/>), then gives up.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        Task[] workers;
        lock (_gate)
        {
            _closed = true;
            foreach (var lane in _lanes.Values)
            {
                lane.Queue.Writer.TryComplete();
            }

            workers = [.. _lanes.Values.Select(l => l.Worker!)];
        }

        await Task.WhenAll(workers).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var unsent = Volatile.Read(ref _unsent);
        if (unsent > 0)
        {
            LogRepliesDropped(unsent);
        }

        // Ends the sends in progress and the workers; it stops without waiting for them.
        await _abandon.CancelAsync();
    }

    // Reads until the queue is completed and empty, not until a stopping token fires, so a shutdown drains it.
    private async Task SendAllAsync(ChannelReader<TeamsReply> queue)
    {
        try
        {
            await foreach (var reply in queue.ReadAllAsync(_abandon.Token))
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

    private sealed class Lane(Channel<TeamsReply> queue)
    {
        public Channel<TeamsReply> Queue { get; } = queue;

        public Task? Worker { get; set; }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Could not send a Teams reply to {ServiceUrl} (conversation {ConversationId})")]
    private partial void LogSendFailed(Exception exception, string serviceUrl, string conversationId);

    [LoggerMessage(EventId = 31, EventName = "RepliesDropped", Level = LogLevel.Warning, Message = "Shutting down: {Count} Teams reply(s) not sent within the shutdown timeout were dropped")]
    private partial void LogRepliesDropped(int count);
}
