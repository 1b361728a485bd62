using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Discord;

/// <summary>The Discord surface over HTTP interactions: verify, parse, delegate.</summary>
public static class DiscordExtensions
{
    public const string Route = "/api/discord/interactions";
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Registers the Discord services; the endpoint itself is mapped only when Discord:PublicKey is set.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services)
    {
        services.AddDiscordRestClient();
        services.AddOptions<DiscordOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApplicationId),
                "Discord:ApplicationId is not set: the interactions endpoint is on (Discord:PublicKey is set) and needs the application id to deliver deferred replies")
            .ValidateOnStart();
        services.AddSingleton<DiscordInteractions>();
        services.AddSingleton<InteractionReplays>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            return new DiscordSignature(o.PublicKey ?? throw new InvalidOperationException("Discord:PublicKey is not set"),
                TimeSpan.FromSeconds(o.MaxClockSkewSeconds), sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }

    /// <summary>The settings and the REST client alone, for the command line's <c>discord register</c>.</summary>
    public static IServiceCollection AddDiscordRestClient(this IServiceCollection services)
    {
        // Both the interactions endpoint and the Gateway use it; its handlers must be added once.
        if (services.Any(d => d.ServiceType == typeof(DiscordRateLimits)))
        {
            return services;
        }

        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Outside in: the resilience handler retries 429 and 5xx (honouring Retry-After); every attempt then passes the
        // rate-limit handler, which holds it until Discord's bucket allows it.
        services.AddSingleton(sp => new DiscordRateLimits(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<DiscordRateLimitHandler>();
        services.AddHttpClient<DiscordRestClient>(http => http.DefaultRequestHeaders.UserAgent.ParseAdd(DiscordRestClient.UserAgent))
            .AddStandardResilienceHandler();
        services.AddHttpClient<DiscordRestClient>().AddHttpMessageHandler<DiscordRateLimitHandler>();
        return services;
    }

    /// <summary>
    /// True when the Gateway is to run: Discord:BotToken is set and Discord:Gateway:Enabled is not false.
    /// </summary>
    public static bool GatewayWanted(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.Section}:{nameof(DiscordOptions.BotToken)}"])
        && !string.Equals(configuration[$"{Gateway.DiscordGatewayOptions.Section}:{nameof(Gateway.DiscordGatewayOptions.Enabled)}"], "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Gateway client: answers @mentions, DMs and replies to the bot's answers. The host adds the
    /// <see cref="Gateway.IShardLeases"/> that shares shards among replicas; without one, this process holds them all.
    /// </summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        services.AddDiscordRestClient();
        services.AddOptions<Gateway.DiscordGatewayOptions>().BindConfiguration(Gateway.DiscordGatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new Gateway.GatewayTimings());
        services.TryAddSingleton<Gateway.IShardLeases, Gateway.ProcessShardLeases>();
        services.AddSingleton<Gateway.GatewayStatus>();
        services.AddSingleton<Gateway.GatewayQuestions>();
        services.AddHostedService<Gateway.GatewayService>();
        return services;
    }

    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    private static IResult Error(int status, string message) =>
        Results.Content(JsonContract.Error(status, message).ToJsonString(JsonContract.Compact), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static async Task<IResult> HandleAsync(HttpContext context, DiscordSignature signature, DiscordInteractions interactions, InteractionReplays replays)
    {
        // Verify before parsing: Discord probes the endpoint with bad signatures and drops endpoints that accept them.
        // A body Kestrel cannot read (broken chunked framing) throws here, before the signature check; the host
        // answers it with the exception's own 4xx.
        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB; an interaction is far smaller.");
        }

        var headers = context.Request.Headers;
        if (!signature.Verify(headers["X-Signature-Ed25519"], headers["X-Signature-Timestamp"], body))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid request signature");
        }

        if (!BoundedBody.TryParseJson(body, out var document, out var problem))
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        using (document)
        {
            if (InteractionShape.Problem(document.RootElement) is { } shape)
            {
                return Error(StatusCodes.Status400BadRequest, $"The interaction is not shaped as Discord documents it: {shape}.");
            }

            // A replay of an interaction already handled gets the same response; the run does not depend on this
            // request staying open, since its copies share it.
            var interaction = document.RootElement.Clone();
            var id = interaction.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var response = await replays.OnceAsync(id, async () =>
                (await interactions.HandleAsync(interaction, CancellationToken.None)).ToJsonString(JsonContract.Compact));
            return Results.Content(response, "application/json");
        }
    }
}
