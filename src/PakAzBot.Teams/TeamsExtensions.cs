using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Serving;

namespace PakAzBot.Teams;

/// <summary>The Microsoft Teams surface over the Bot Framework activity protocol: verify, parse, delegate.</summary>
public static class TeamsExtensions
{
    public const string Route = "/api/messages";
    private const int MaxBodyBytes = 256 * 1024;

    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddSingleton<BotFrameworkAuth>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        // One resilience pipeline (retries, circuit breaker) per Bot Connector host, so one failing region trips
        // only its own breaker.
        services.AddHttpClient<ConnectorClient>().AddStandardResilienceHandler().SelectPipelineByAuthority();
        services.AddSingleton<RecentActivities>();
        services.AddSingleton<TeamsBot>();
        services.AddSingleton<TeamsOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsOutbox>());
        return services;
    }

    /// <summary>What the start-up log says about the Teams endpoint, and why it refuses everything when it does.</summary>
    public static string Describe(TeamsOptions options) => options switch
    {
        { Secured: true } => $"on at {Route} ({options.AppType}, app {options.AppId}, tenant {options.Authority})",
        { AllowAnonymous: true } => $"on at {Route} without authentication, for unproxied loopback callers only (Teams:AllowAnonymous); set Teams:AppId for Teams",
        _ => $"refusing every activity at {Route} with 401: Teams:AppId is not set (set it for Teams, or Teams:AllowAnonymous=true to test locally with the Emulator)",
    };

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, BotFrameworkAuth auth, TeamsBot bot, TeamsOutbox outbox, RecentActivities recent,
        IOptions<TeamsOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TeamsExtensions).FullName!);
        var secured = options.Value.Secured;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!secured && !options.Value.AllowAnonymous)
        {
            LogRefused(logger, "Teams:AppId is not set and Teams:AllowAnonymous is off");
            return Unauthorized();
        }

        if (secured ? !authorization.StartsWith("Bearer ", StringComparison.Ordinal) : !IsLocal(context))
        {
            LogRefused(logger, secured ? "no bearer token" : "anonymous activities are served only to loopback callers whose request was not forwarded by a proxy");
            return Unauthorized();
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!BoundedBody.TryParseJson(body, out var document, out var problem))
        {
            return secured ? Unauthorized() : BadRequest(problem);
        }

        using (document)
        {
            var activity = document.RootElement;
            if (activity.ValueKind != JsonValueKind.Object)
            {
                return secured ? Unauthorized() : BadRequest("The body is not an activity object.");
            }

            var serviceUrl = TeamsBot.Text(activity, "serviceUrl");
            if (secured)
            {
                var (identity, failure) = await auth.ValidateAsync(authorization, TeamsBot.Text(activity, "channelId"), serviceUrl, context.RequestAborted);
                if (identity is null)
                {
                    LogRefused(logger, failure ?? "the token is not valid");
                    return Unauthorized();
                }
            }
            else if (serviceUrl is not null && !IsLoopbackUrl(serviceUrl))
            {
                // Unauthenticated local testing may only make the bot call back to this machine.
                return BadRequest("Without Teams:AppId the serviceUrl must be a loopback address.");
            }

            if (TeamsBot.Text(activity, "type") is null)
            {
                return BadRequest("The activity has no \"type\" string.");
            }

            var conversationId = activity.TryGetProperty("conversation", out var conversation) ? TeamsBot.Text(conversation, "id") : null;
            var activityId = TeamsBot.Text(activity, "id");

            // The channel redelivers an activity it thinks was lost; one already taken is acknowledged, not answered again.
            var key = activityId is null ? null : $"{serviceUrl}|{conversationId}|{activityId}";
            if (key is not null && !recent.TryTake(key))
            {
                return Results.Ok();
            }

            IReadOnlyList<JsonObject> replies;
            try
            {
                replies = await bot.HandleAsync(activity, context.RequestAborted);
            }
            catch
            {
                // Not answered after all: a redelivery should be.
                recent.Forget(key);
                throw;
            }

            if (replies.Count > 0 && (serviceUrl is null || conversationId is null || activityId is null))
            {
                return BadRequest("A message activity needs serviceUrl, conversation.id and id strings to be answered.");
            }

            foreach (var reply in replies)
            {
                reply["replyToId"] = activityId;
                reply["conversation"] = new JsonObject { ["id"] = conversationId };
                if (activity.TryGetProperty("recipient", out var recipient))
                {
                    reply["from"] = JsonNode.Parse(recipient.GetRawText());
                }

                if (activity.TryGetProperty("from", out var from))
                {
                    reply["recipient"] = JsonNode.Parse(from.GetRawText());
                }

                if (!await outbox.EnqueueAsync(new TeamsReply(serviceUrl!, conversationId!, activityId!, reply), context.RequestAborted))
                {
                    return Results.Json(new JsonObject { ["error"] = "the bot is shutting down; send the activity again" }, statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            }

            return Results.Ok();
        }
    }

    private static IResult Unauthorized() => Results.StatusCode(StatusCodes.Status401Unauthorized);

    private static IResult BadRequest(string message) =>
        Results.Content(JsonContract.Error(StatusCodes.Status400BadRequest, message).ToJsonString(JsonContract.Compact), "application/json; charset=utf-8",
            System.Text.Encoding.UTF8, StatusCodes.Status400BadRequest);

    /// <summary>Headers a proxy adds (X-Original-For is where the forwarded-headers middleware moves X-Forwarded-For).</summary>
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Original-For"];

    // The real client's address (behind a trusted proxy, the forwarded one). A loopback peer whose request carries
    // any forwarding header is a proxy on this machine relaying someone else, trusted or not: not local.
    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);

    private static void LogRefused(ILogger logger, string reason) => RefusedMessage(logger, reason, null);

    private static readonly Action<ILogger, string, Exception?> RefusedMessage = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(32, "TeamsActivityRefused"), "Refused a Teams activity with 401: {Reason}");

    private static bool IsLoopbackUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}

/// <summary>Stops the start when the Teams settings cannot work, naming the setting to fix.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            return ValidateOptionsResult.Fail(problems);
        }

        // A certificate that cannot be read would otherwise fail only at the first reply, seen by nobody.
        if (options.Secured && options.AppType != TeamsAppType.UserAssignedMSI && string.IsNullOrEmpty(options.AppPassword))
        {
            try
            {
                using var certificate = MsalConnectorTokenProvider.LoadCertificate(options);
                if (!certificate.HasPrivateKey)
                {
                    return ValidateOptionsResult.Fail($"Teams:CertificatePath: {options.CertificatePath} holds no private key; export the certificate with its key (PFX)");
                }
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException or IOException)
            {
                var setting = string.IsNullOrEmpty(options.CertificatePath) ? "Teams:CertificateThumbprint" : "Teams:CertificatePath (with Teams:CertificatePassword)";
                return ValidateOptionsResult.Fail($"{setting}: the certificate cannot be loaded: {e.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The activities taken lately (service URL, conversation, id), so a redelivered one is not answered twice. Kept for
/// an hour, at most 100 000 of them; the oldest go first when it is full.
/// </summary>
public sealed class RecentActivities : IDisposable
{
    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = 100_000, CompactionPercentage = 0.2 });
    private readonly Lock _gate = new();

    /// <summary>True the first time <paramref name="key"/> is seen; false while it is remembered.</summary>
    public bool TryTake(string key)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(key, out _))
            {
                return false;
            }

            _seen.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
            return true;
        }
    }

    public void Forget(string? key)
    {
        if (key is not null)
        {
            _seen.Remove(key);
        }
    }

    public void Dispose() => _seen.Dispose();
}
