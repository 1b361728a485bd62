using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PakAzBot.Tests.Discord;

/// <summary>
/// A local stand-in for Discord's REST API on a loopback port: records every request, and answers the first
/// <see cref="RateLimitFirst"/> requests with 429 and Retry-After as Discord's rate limiter does.
/// </summary>
internal sealed class FakeDiscordApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    private FakeDiscordApi(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, string Path, string? Authorization, string Body, int Status, string UserAgent, DateTimeOffset Time)> Requests { get; } = new();

    /// <summary>Every request's body as sent, bytes and content type, for multipart uploads.</summary>
    public ConcurrentQueue<(string Method, string Path, string? ContentType, byte[] Body)> RawRequests { get; } = new();

    public int RateLimitFirst { get; set; }

    /// <summary>A body for a request other than the echo or "{}", by method and path (GET /api/v10/gateway/bot).</summary>
    public Func<string, string, string?>? Answer { get; set; }

    /// <summary>When set, every success says its bucket allows one request per this many seconds, as Discord's headers do.</summary>
    public double? BucketResetAfterSeconds { get; set; }

    public string BaseUrl => Loopback.Address(_app) + "/api/v10";

    public static async Task<FakeDiscordApi> StartAsync()
    {
        var app = Loopback.App();
        var fake = new FakeDiscordApi(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var raw = buffer.ToArray();
            var body = System.Text.Encoding.UTF8.GetString(raw);
            fake.RawRequests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.ContentType, raw));
            var limited = Interlocked.Increment(ref fake._seen) <= fake.RateLimitFirst;
            var status = limited ? 429 : 200;
            fake.Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), body, status,
                context.Request.Headers.UserAgent.ToString(), DateTimeOffset.UtcNow));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (limited)
            {
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("{\"message\":\"You are being rate limited.\",\"retry_after\":1,\"global\":false}");
                return;
            }

            if (fake.BucketResetAfterSeconds is { } resetAfter)
            {
                context.Response.Headers["X-RateLimit-Bucket"] = "fake-bucket";
                context.Response.Headers["X-RateLimit-Limit"] = "1";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (fake.Answer?.Invoke(context.Request.Method, context.Request.Path.Value!) is { } answer)
            {
                await context.Response.WriteAsync(answer);
                return;
            }

            // Discord answers a bulk overwrite with the commands it stored, which echo what was sent.
            await context.Response.WriteAsync(context.Request.Method == "PUT" ? body : "{}");
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
