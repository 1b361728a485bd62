using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.AppId) || !string.IsNullOrEmpty(o.AppPassword), "Teams:AppPassword is required when Teams:AppId is set: the bot needs it to sign its replies")
            .ValidateOnStart();
        services.AddSingleton<BotFrameworkAuth>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.AddHttpClient<ConnectorClient>().AddStandardResilienceHandler();
        services.AddSingleton<TeamsBot>();
        services.AddSingleton<TeamsOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsOutbox>());
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, BotFrameworkAuth auth, TeamsBot bot, TeamsOutbox outbox, IOptions<TeamsOptions> options)
    {
        var secured = !string.IsNullOrEmpty(options.Value.AppId);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (secured ? !authorization.StartsWith("Bearer ", StringComparison.Ordinal) : !IsLoopback(context))
        {
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
                var (identity, _) = await auth.ValidateAsync(authorization, TeamsBot.Text(activity, "channelId"), serviceUrl, context.RequestAborted);
                if (identity is null)
                {
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

            var replies = await bot.HandleAsync(activity, context.RequestAborted);
            var conversationId = activity.TryGetProperty("conversation", out var conversation) ? TeamsBot.Text(conversation, "id") : null;
            var activityId = TeamsBot.Text(activity, "id");
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

    // The real client's address (behind a trusted proxy, the forwarded one). A loopback peer that still carries
    // X-Forwarded-For is a proxy on this machine that is not in Proxy:KnownProxies, relaying someone else: not local.
    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");

    private static bool IsLoopbackUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
