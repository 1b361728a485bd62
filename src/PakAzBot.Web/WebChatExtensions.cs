using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;

namespace PakAzBot.Web;

/// <summary>The web surface: the chat page and the JSON API that mirrors the command line.</summary>
public static class WebChatExtensions
{
    /// <summary>The rate-limiting policy of the web API: a window of questions per client address.</summary>
    public const string RateLimitPolicy = "web-per-client";

    private const string WindowEndsKey = "pakazbot.rate-limit-window-ends";

    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdminGuard>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, token) =>
            {
                // The time until this client's window ends, when its permits come back, not the window's whole length.
                var http = context.HttpContext;
                if (http.Items[WindowEndsKey] is DateTimeOffset ends)
                {
                    http.Response.Headers.RetryAfter = AlignedWindow.RetryAfter(ends, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                }

                await WebChatApi.Error(StatusCodes.Status429TooManyRequests, "Slow down: you have asked a lot of questions in a short time. Please wait a moment and try again.")
                    .ExecuteAsync(http);
            };
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var window = TimeSpan.FromSeconds(options.WindowSeconds);
                var (number, ends) = AlignedWindow.At(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), window);
                context.Items[WindowEndsKey] = ends;
                // One limiter per client and window; a window's limiter is dropped once idle, after the window is over.
                return RateLimitPartition.GetFixedWindowLimiter($"{ClientAddress.Of(context)}|{number}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = window,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>The API's JSON error body, {"error": "…", "status": N}, for the host's own error pages.</summary>
    public static IResult ApiError(int status, string message) => WebChatApi.Error(status, message);

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        WebChatPage.Map(endpoints);
        var api = endpoints.MapGroup("/api");
        api.MapPost("/ask", WebChatApi.Ask).RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/pick", WebChatApi.Pick).RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/none-of-these", WebChatApi.NoneOfThese).RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/timeline", WebChatApi.Timeline).RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/timeline.svg", WebChatApi.TimelineSvgPicture).RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/timeline.png", WebChatApi.TimelinePngPicture).RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/sources", WebChatApi.Sources);

        var admin = endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!string.IsNullOrEmpty(admin.Token))
        {
            api.MapPost("/admin/reindex", WebChatApi.Reindex);
            api.MapPost("/admin/documents", DocumentsApi.Add).DisableAntiforgery();
            api.MapDelete("/admin/documents/{id}", DocumentsApi.Remove);
        }

        return endpoints;
    }
}
