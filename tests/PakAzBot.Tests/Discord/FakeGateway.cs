using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PakAzBot.Tests.Discord;

/// <summary>
/// A scripted stand-in for Discord's Gateway: a WebSocket server on a loopback port. Each connection the bot makes is
/// handed to the test, which says what the server sends; heartbeats are ACKed unless the test turns that off.
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    public const string BotId = "900000000000000001";
    public const string SessionId = "fake-session";

    private readonly WebApplication _app;
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();

    private FakeGateway(WebApplication app) => _app = app;

    public string Url => "ws://" + Loopback.Address(_app)["http://".Length..];

    /// <summary>Whether new connections ACK heartbeats.</summary>
    public bool AutoAck { get; set; } = true;

    public int Connections { get; private set; }

    public static async Task<FakeGateway> StartAsync()
    {
        var app = Loopback.App();
        var fake = new FakeGateway(app);
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new FakeGatewayConnection(socket, context.Request.QueryString.Value ?? "", fake.AutoAck);
            fake.Connections++;
            await fake._connections.Writer.WriteAsync(connection);
            await connection.RunAsync();
        });
        await app.StartAsync();
        return fake;
    }

    public async Task<FakeGatewayConnection> NextAsync(int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when the bot connects again within the time given.</summary>
    public async Task<bool> ConnectsAgainWithinAsync(TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        try
        {
            await _connections.Reader.WaitToReadAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The fake REST API's answer to GET /gateway/bot: this server, with the shard count and limit given.</summary>
    public string GatewayBot(int shards = 1, int maxConcurrency = 16) =>
        new JsonObject
        {
            ["url"] = Url,
            ["shards"] = shards,
            ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = maxConcurrency },
        }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed class FakeGatewayConnection(WebSocket socket, string query, bool autoAck)
{
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public string Query => query;

    public bool AutoAck { get; set; } = autoAck;

    public int Heartbeats { get; private set; }

    public long? LastHeartbeatSequence { get; private set; }

    public Task Closed => _closed.Task;

    public async Task RunAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var payload = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
                if (payload.GetProperty("op").GetInt32() == 1)
                {
                    Heartbeats++;
                    LastHeartbeatSequence = payload.GetProperty("d").ValueKind == JsonValueKind.Number ? payload.GetProperty("d").GetInt64() : null;
                    if (AutoAck)
                    {
                        await SendAsync(new JsonObject { ["op"] = 11 });
                    }

                    continue;
                }

                await _received.Writer.WriteAsync(payload);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    /// <summary>The next payload the bot sent (heartbeats aside).</summary>
    public async Task<JsonElement> ReceiveAsync(int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async Task SendAsync(JsonNode payload) => await SendTextAsync(payload.ToJsonString());

    public async Task SendTextAsync(string text)
    {
        await _sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public Task HelloAsync(int heartbeatMs = 1000) =>
        SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatMs } });

    /// <summary>A dispatch with the next sequence number; returns that number.</summary>
    public async Task<long> DispatchAsync(string type, JsonNode data)
    {
        var s = Interlocked.Increment(ref _sequence);
        await SendAsync(new JsonObject { ["op"] = 0, ["s"] = s, ["t"] = type, ["d"] = data.DeepClone() });
        return s;
    }

    /// <summary>Continues the sequence numbers of an earlier connection's session (a resumed one).</summary>
    public void ContinueFrom(long sequence) => _sequence = sequence;

    public Task<long> ReadyAsync(string resumeUrl) =>
        DispatchAsync("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = FakeGateway.BotId, ["username"] = "PakAzBot", ["bot"] = true },
            ["guilds"] = new JsonArray(),
            ["session_id"] = FakeGateway.SessionId,
            ["resume_gateway_url"] = resumeUrl,
        });

    public async Task CloseAsync(int code, string reason = "")
    {
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
        }
    }
}
