using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PakAzBot.Discord;

/// <summary>
/// Honours Discord's rate limits on every REST call ("Rate Limits" in Discord's documentation): it learns each
/// route's bucket from <c>X-RateLimit-Bucket</c>, <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset-After</c>
/// and holds a request back while its bucket is empty, and after a 429 it holds back that bucket, or every request
/// when the limit is global, for the response's <c>retry_after</c> seconds. The resilience handler around it retries
/// the 429 itself; each retry passes through here again and so waits for the bucket.
/// </summary>
/// <remarks>
/// Buckets are keyed by Discord's bucket id together with the route's major parameter (the webhook id and token, a
/// guild or channel id), as the documentation says limits are per bucket and major parameter. Discord's limits are
/// learned from its responses, never hard-coded.
/// </remarks>
public sealed class DiscordRateLimits(TimeProvider clock)
{
    // A bucket reset further away than this is not waited for here: the request goes and Discord answers 429.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalGate = new();
    private DateTimeOffset _globalUntil;

    private sealed class Bucket
    {
        public readonly Lock Gate = new();
        public int? Remaining;
        public DateTimeOffset ResetAt;
    }

    /// <summary>Waits until the request's bucket, and the global limit, allow it.</summary>
    public async Task BeforeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (route, major) = RouteOf(request);
        await WaitGlobalAsync(cancellationToken);
        if (_bucketOfRoute.TryGetValue(route, out var id))
        {
            await TakeAsync(_buckets.GetOrAdd(id + "|" + major, _ => new Bucket()), cancellationToken);
        }
    }

    /// <summary>Learns the limits the response states.</summary>
    public Task AfterAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (route, major) = RouteOf(request);
        return LearnAsync(route, major, response, cancellationToken);
    }

    private async Task WaitGlobalAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_globalGate)
        {
            wait = _globalUntil - clock.GetUtcNow();
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(Min(wait, LongestWait), clock, cancellationToken);
        }
    }

    private async Task TakeAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (bucket.Gate)
            {
                var now = clock.GetUtcNow();
                if (bucket.Remaining is null || bucket.Remaining > 0 || now >= bucket.ResetAt)
                {
                    if (now >= bucket.ResetAt)
                    {
                        // A new window: how many it allows is learnt from the response.
                        bucket.Remaining = null;
                    }
                    else
                    {
                        bucket.Remaining--;
                    }

                    return;
                }

                wait = bucket.ResetAt - now;
            }

            if (wait > LongestWait)
            {
                return;
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task LearnAsync(string route, string major, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var headers = response.Headers;
        var bucketId = Header(headers, "X-RateLimit-Bucket");
        if (bucketId is not null)
        {
            _bucketOfRoute[route] = bucketId;
        }

        TimeSpan? retryAfter = null;
        var global = false;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            (retryAfter, global) = await RetryAfterAsync(response, cancellationToken);
            global |= string.Equals(Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                      || string.Equals(Header(headers, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
        }

        if (global && retryAfter is { } globalWait)
        {
            lock (_globalGate)
            {
                _globalUntil = Max(_globalUntil, now + globalWait);
            }

            return;
        }

        if (bucketId is null && !_bucketOfRoute.TryGetValue(route, out bucketId))
        {
            // No bucket named yet: a 429 still holds this route back, under its own name.
            if (retryAfter is null)
            {
                return;
            }

            bucketId = route;
            _bucketOfRoute[route] = bucketId;
        }

        var bucket = _buckets.GetOrAdd(bucketId + "|" + major, _ => new Bucket());
        var remaining = Seconds(Header(headers, "X-RateLimit-Remaining")) is { } r ? (int)r : (int?)null;
        var resetAfter = Seconds(Header(headers, "X-RateLimit-Reset-After")) is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        lock (bucket.Gate)
        {
            if (retryAfter is { } wait)
            {
                bucket.Remaining = 0;
                bucket.ResetAt = now + wait;
            }
            else if (remaining is not null && resetAfter is not null)
            {
                bucket.Remaining = remaining;
                bucket.ResetAt = now + resetAfter.Value;
            }
        }
    }

    /// <summary>The 429 body's <c>retry_after</c> (seconds, with decimals) and <c>global</c>, else the Retry-After header.</summary>
    private static async Task<(TimeSpan? RetryAfter, bool Global)> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number && r.GetDouble() is >= 0 and var seconds)
            {
                return (TimeSpan.FromSeconds(Math.Min(seconds, 3600)), root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True);
            }
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's page): fall back to the header.
        }

        return (response.Headers.RetryAfter?.Delta, false);
    }

    /// <summary>
    /// The route without its ids, for learning which bucket it is in, and its major parameter, which separates
    /// buckets: "webhooks/{id}/{token}", "guilds/{id}" or "channels/{id}".
    /// </summary>
    private static (string Route, string Major) RouteOf(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var major = "";
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i] is "webhooks")
            {
                major = string.Join('/', segments.Skip(i).Take(3));
                break;
            }

            if (segments[i] is "guilds" or "channels")
            {
                major = segments[i] + "/" + segments[i + 1];
                break;
            }
        }

        // Ids, and the interaction token after a webhook id, vary within one route.
        var webhook = Array.IndexOf(segments, "webhooks");
        var generic = string.Join('/', segments.Select((s, i) => s.All(char.IsAsciiDigit) || (webhook >= 0 && i == webhook + 2) ? "{id}" : s));
        return (request.Method.Method + " " + generic, major);
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value) ? value : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>The handler that puts <see cref="DiscordRateLimits"/>, shared by every client the factory builds, on each call.</summary>
public sealed class DiscordRateLimitHandler(DiscordRateLimits limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limits.BeforeAsync(request, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await limits.AfterAsync(request, response, cancellationToken);
        return response;
    }
}
