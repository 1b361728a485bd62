using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PakAzBot.Tests.Host;

/// <summary>A clock that stands where the test puts it.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The real client behind trusted proxies, the per-client limits and their Retry-After, and the admin API's guard.</summary>
[Collection(HostCollection.Name)]
public sealed class ProxyAndLimitTests
{
    private const string Token = "test-admin-token-0123456789";
    private const string Proxy = "10.1.2.3";

    private static async Task<HttpContext> Send(TestBot bot, string peer, string path, string? forwardedFor = null, string? authorization = null)
    {
        return await bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            context.Request.Method = "POST";
            context.Request.Path = path;
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            if (authorization is not null)
            {
                context.Request.Headers.Authorization = authorization;
            }

            if (path == "/api/ask")
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream("{\"question\":\"When did Pakistan recognize Azerbaijan?\"}"u8.ToArray());
            }
        });
    }

    private static Task<HttpContext> Ask(TestBot bot, string peer, string? forwardedFor = null) => Send(bot, peer, "/api/ask", forwardedFor);

    [Fact]
    public async Task BehindATrustedProxyTwoClientsGetSeparateBuckets()
    {
        await using var bot = await TestBot.StartAsync(settings: ["RateLimit:PermitLimit=2", $"Proxy:KnownProxies:0={Proxy}"]);

        Assert.Equal(200, (await Ask(bot, Proxy, "203.0.113.1")).Response.StatusCode);
        Assert.Equal(200, (await Ask(bot, Proxy, "203.0.113.1")).Response.StatusCode);
        Assert.Equal(429, (await Ask(bot, Proxy, "203.0.113.1")).Response.StatusCode);

        // Another user behind the same proxy has a bucket of their own.
        Assert.Equal(200, (await Ask(bot, Proxy, "203.0.113.2")).Response.StatusCode);
    }

    [Fact]
    public async Task AProxyInAKnownNetworkIsTrustedAndAChainOfThemIsWalkedBack()
    {
        await using var bot = await TestBot.StartAsync(settings: ["RateLimit:PermitLimit=1", "Proxy:KnownNetworks:0=10.0.0.0/8"]);

        Assert.Equal(200, (await Ask(bot, "10.9.9.9", "203.0.113.1, 10.5.5.5")).Response.StatusCode);
        Assert.Equal(429, (await Ask(bot, "10.7.7.7", "203.0.113.1")).Response.StatusCode);
        Assert.Equal(200, (await Ask(bot, "10.7.7.7", "203.0.113.2")).Response.StatusCode);
    }

    [Fact]
    public async Task AnUntrustedPeersForwardedForIsIgnored()
    {
        await using var bot = await TestBot.StartAsync(settings: ["RateLimit:PermitLimit=1", $"Proxy:KnownProxies:0={Proxy}"]);

        // A client cannot get a fresh bucket by claiming to be someone else, nor by prepending to a trusted proxy's header.
        Assert.Equal(200, (await Ask(bot, "198.51.100.7", "203.0.113.1")).Response.StatusCode);
        Assert.Equal(429, (await Ask(bot, "198.51.100.7", "203.0.113.2")).Response.StatusCode);
        Assert.Equal(200, (await Ask(bot, Proxy, "203.0.113.50, 198.51.100.8")).Response.StatusCode);
        Assert.Equal(429, (await Ask(bot, Proxy, "203.0.113.51, 198.51.100.8")).Response.StatusCode);
    }

    [Fact]
    public async Task WithoutProxySettingsNoPeerIsTrustedNotEvenLoopback()
    {
        await using var bot = await TestBot.StartAsync(settings: ["RateLimit:PermitLimit=1"]);

        Assert.Equal(200, (await Ask(bot, "127.0.0.1", "203.0.113.1")).Response.StatusCode);
        Assert.Equal(429, (await Ask(bot, "127.0.0.1", "203.0.113.2")).Response.StatusCode);
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0=10.0.0.0/8", "Proxy:KnownProxies")]
    [InlineData("Proxy:KnownNetworks:0=10.0.0.1/99", "Proxy:KnownNetworks")]
    public void ABadProxySettingStopsTheStartNamingIt(string setting, string named)
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["serve", "--knowledge", TestPaths.Knowledge, "--urls", "http://127.0.0.1:0", "--Knowledge:Watch=false", "--" + setting], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterIsTheTimeUntilThePermitsComeBack()
    {
        // 45 s into a minute: the 60 s window has 15 s left.
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 29, 9, 0, 45, TimeSpan.Zero));
        await using var bot = await TestBot.StartAsync(false, true, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            "RateLimit:PermitLimit=1", "RateLimit:WindowSeconds=60");

        Assert.Equal(200, (await Ask(bot, "203.0.113.1")).Response.StatusCode);
        var refused = await Ask(bot, "203.0.113.1");
        Assert.Equal(429, refused.Response.StatusCode);
        Assert.Equal("15", refused.Response.Headers.RetryAfter.ToString());

        clock.Now = clock.Now.AddSeconds(10);
        Assert.Equal("5", (await Ask(bot, "203.0.113.1")).Response.Headers.RetryAfter.ToString());

        // When that time has passed the client is served again.
        clock.Now = clock.Now.AddSeconds(5);
        Assert.Equal(200, (await Ask(bot, "203.0.113.1")).Response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task TheAdminApiTakesTheBearerSchemeInAnyCase(string scheme)
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}"]);

        var response = await Send(bot, "203.0.113.1", "/api/admin/reindex", authorization: $"{scheme} {Token}");

        Assert.Equal(200, response.Response.StatusCode);
    }

    [Fact]
    public async Task FailedAdminAuthenticationsAreThrottledPerClient()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 29, 9, 0, 20, TimeSpan.Zero));
        await using var bot = await TestBot.StartAsync(false, true, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), $"Admin:Token={Token}");
        const string Attacker = "198.51.100.66";

        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await Send(bot, Attacker, "/api/admin/reindex", authorization: $"Bearer wrong-token-{i:D2}-0123456789")).Response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(401, 5).Concat(Enumerable.Repeat(429, 3)), statuses);

        // Once throttled, even the right token is not checked until the minute is over, so guessing learns nothing.
        var right = await Send(bot, Attacker, "/api/admin/reindex", authorization: $"Bearer {Token}");
        Assert.Equal(429, right.Response.StatusCode);
        Assert.Equal("40", right.Response.Headers.RetryAfter.ToString());

        // Another client is not affected, and the attacker gets its few tries back in the next minute.
        Assert.Equal(200, (await Send(bot, "203.0.113.1", "/api/admin/reindex", authorization: $"Bearer {Token}")).Response.StatusCode);
        clock.Now = clock.Now.AddSeconds(40);
        Assert.Equal(401, (await Send(bot, Attacker, "/api/admin/reindex", authorization: "Bearer wrong-token-again-0123456789")).Response.StatusCode);
    }

    [Fact]
    public async Task ManyParallelWrongTokensAreCheckedNoMoreThanTheLimit()
    {
        // A stopped clock, so the burst cannot straddle two windows.
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        await using var bot = await TestBot.StartAsync(false, true, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), $"Admin:Token={Token}");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            (await Send(bot, "198.51.100.66", "/api/admin/reindex", authorization: $"Bearer wrong-token-{i:D2}-0123456789")).Response.StatusCode)));

        Assert.Equal(5, statuses.Count(s => s == 401));
        Assert.Equal(35, statuses.Count(s => s == 429));
    }

    [Fact]
    public async Task TheTeamsLoopbackCheckSeesTheRealClientBehindAProxy()
    {
        await using var bot = await TestBot.StartAsync(settings: ["Proxy:KnownProxies:0=127.0.0.1", "Teams:AllowAnonymous=true"]);

        async Task<int> Post(string peer, string? forwardedFor) => (await bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            context.Request.Method = "POST";
            context.Request.Path = PakAzBot.Teams.TeamsExtensions.Route;
            context.Request.ContentType = "application/json";
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            // A conversation update needs no reply, so nothing is sent anywhere.
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"type\":\"conversationUpdate\",\"id\":\"1\"}"));
        })).Response.StatusCode;

        Assert.Equal(200, await Post("127.0.0.1", null));
        Assert.Equal(401, await Post("127.0.0.1", "203.0.113.7"));
        // Anonymous activities are for callers on this machine that no proxy relays, even a trusted one.
        Assert.Equal(401, await Post("127.0.0.1", "127.0.0.1"));
        // An untrusted proxy on the same machine relaying someone is not a local caller either.
        Assert.Equal(401, await Post("::1", "203.0.113.7"));
    }
}
