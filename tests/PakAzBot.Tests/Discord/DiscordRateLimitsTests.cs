using System.Diagnostics;
using System.Net;
using System.Text;
using PakAzBot.Discord;

namespace PakAzBot.Tests.Discord;

/// <summary>The rate-limit handler against scripted Discord responses, as "Rate Limits" in Discord's documentation shows them.</summary>
public sealed class DiscordRateLimitsTests
{
    private sealed class Scripted(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }

    private static HttpResponseMessage TooMany(double retryAfter, bool global, string? bucket = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent($"{{\"message\":\"You are being rate limited.\",\"retry_after\":{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"global\":{(global ? "true" : "false")}}}", Encoding.UTF8, "application/json"),
        };
        if (global)
        {
            response.Headers.Add("X-RateLimit-Global", "true");
        }

        if (bucket is not null)
        {
            response.Headers.Add("X-RateLimit-Bucket", bucket);
        }

        return response;
    }

    private static async Task<TimeSpan> Time(HttpMessageInvoker client, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url), CancellationToken.None);
        return clock.Elapsed;
    }

    [Fact]
    public async Task AGlobal429HoldsBackEveryRouteForItsRetryAfter()
    {
        var calls = 0;
        using var client = new HttpMessageInvoker(new DiscordRateLimitHandler(new DiscordRateLimits(TimeProvider.System))
        {
            InnerHandler = new Scripted(_ => Interlocked.Increment(ref calls) == 1 ? TooMany(1.0, global: true) : new HttpResponseMessage(HttpStatusCode.OK)),
        });

        await Time(client, "https://discord.test/api/v10/webhooks/1/a/messages/@original");
        var other = await Time(client, "https://discord.test/api/v10/applications/2/commands");

        Assert.True(other >= TimeSpan.FromSeconds(0.9), $"the next call went after {other.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task ARoute429HoldsBackThatBucketOnly()
    {
        var calls = 0;
        using var client = new HttpMessageInvoker(new DiscordRateLimitHandler(new DiscordRateLimits(TimeProvider.System))
        {
            InnerHandler = new Scripted(_ => Interlocked.Increment(ref calls) == 1 ? TooMany(1.0, global: false, bucket: "b1") : new HttpResponseMessage(HttpStatusCode.OK)),
        });

        await Time(client, "https://discord.test/api/v10/webhooks/1/a/messages/@original");
        var otherInteraction = await Time(client, "https://discord.test/api/v10/webhooks/1/b/messages/@original");
        var same = await Time(client, "https://discord.test/api/v10/webhooks/1/a/messages/@original");

        Assert.True(otherInteraction < TimeSpan.FromSeconds(0.5), $"another interaction's token waited {otherInteraction.TotalSeconds:0.00} s");
        Assert.True(same >= TimeSpan.FromSeconds(0.8), $"the limited route went again after {same.TotalSeconds:0.00} s");
    }
}
