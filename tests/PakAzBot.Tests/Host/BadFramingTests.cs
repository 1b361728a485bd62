using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PakAzBot.Tests.Host;

/// <summary>
/// Broken HTTP framing, written as raw bytes to the real Kestrel on a loopback port: TestServer has no HTTP parser, so
/// only a socket shows what a client that sends a chunk size of "zz" gets. Every endpoint answers with the 4xx of the
/// framing error and a JSON reason, before any signature or token check; none answers 5xx, and the server stays up.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class BadFramingTests : IAsyncLifetime
{
    private const string AdminToken = "framing-test-admin-token-0123456789";
    private TestBot _bot = null!;

    // Teams:AllowAnonymous, so the Teams endpoint reads the body of a loopback request rather than refusing it unread.
    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(realServer: true, waitForIndex: true,
        "Discord:PublicKey=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "Discord:ApplicationId=1011121314151617181", $"Admin:Token={AdminToken}", "Teams:AllowAnonymous=true");

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string> BrokenChunks => new()
    {
        // Chunk sizes that are not hexadecimal, or overflow: Kestrel throws BadHttpRequestException on the first read.
        { "/api/ask", "zz" },
        { "/api/ask", "ffffffffffffffffff" },
        { "/api/ask", "-1" },
        { "/api/discord/interactions", "zz" },
        { "/api/discord/interactions", "ffffffffffffffffff" },
        { "/api/messages", "zz" },
        { "/api/messages", "ffffffffffffffffff" },
    };

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task ABrokenChunkSizeGetsA400WithAJsonReasonOnEveryEndpointThatReadsABody(string path, string chunkSize)
    {
        var response = await SendRawAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                          + $"{chunkSize}\r\n{{\"question\":\"When?\"}}\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        var json = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.False(response.Headers.ContainsKey("server"));
        await AssertStillHealthy();
    }

    [Theory]
    [InlineData("POST", "/api/admin/reindex")]
    [InlineData("GET", "/api/timeline")]
    [InlineData("GET", "/api/sources")]
    [InlineData("GET", "/healthz")]
    [InlineData("POST", "/nowhere")]
    public async Task EndpointsThatReadNoBodyNeverAnswer5xxToBrokenFraming(string method, string path)
    {
        var response = await SendRawAsync($"{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {AdminToken}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n");

        Assert.InRange(response.Status, 200, 499);
        await AssertStillHealthy();
    }

    [Fact]
    public async Task ResponsesSayNoSniffAndNameNoServer()
    {
        var health = await _bot.Client.GetAsync("/healthz");
        var error = await _bot.Client.PostAsync("/api/ask", new StringContent("{", Encoding.UTF8, "application/json"));
        var notFound = await _bot.Client.GetAsync("/nowhere");

        foreach (var response in new[] { health, error, notFound })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    private async Task AssertStillHealthy() =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.GetAsync("/healthz")).StatusCode);

    private async Task<(int Status, Dictionary<string, string> Headers, string Body)> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_bot.BaseAddress.Host, _bot.BaseAddress.Port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        // Reads the head, then Content-Length bytes of body, or to the end of the connection without one.
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the server closed the connection without a response");
            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim().ToLowerInvariant(), h => h[1].Trim());
        var body = received.Skip(headEnd + 4).ToList();
        var length = headers.TryGetValue("content-length", out var l) ? int.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return (status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOf(List<byte> data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            if (data.Skip(i).Take(pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        return -1;
    }
}
