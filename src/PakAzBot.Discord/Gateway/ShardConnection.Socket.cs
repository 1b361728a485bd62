using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PakAzBot.Discord.Gateway;

/// <summary>The WebSocket itself: heartbeats, the Identify and Resume payloads, sending within the command limit, reading whole frames, closing.</summary>
internal sealed partial class ShardConnection
{
    /// <summary>
    /// Heartbeats every interval, the first after interval × jitter; a beat whose predecessor got no ACK means a
    /// zombied connection: it is dropped (without a 1000 or 1001 close, so the session stays resumable).
    /// </summary>
    private async Task HeartbeatAsync(ClientWebSocket socket, TimeSpan interval, Func<JsonObject, Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), clock, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_acked)
                {
                    _missedAck = true;
                    socket.Abort();
                    return;
                }

                _acked = false;
                Interlocked.Exchange(ref _lastBeatTicks, clock.GetUtcNow().UtcTicks);
                await send(HeartbeatPayload());
                await Task.Delay(interval, clock, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop reports why.
        }
    }

    private JsonObject HeartbeatPayload() => new() { ["op"] = GatewayOpcode.Heartbeat, ["d"] = _sequence };

    private JsonObject Identify() => new()
    {
        ["op"] = GatewayOpcode.Identify,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = GatewayIntents.Needed,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "pakazbot", ["device"] = "pakazbot" },
            ["shard"] = new JsonArray(shard, shardCount),
        },
    };

    private JsonObject Resume() => new()
    {
        ["op"] = GatewayOpcode.Resume,
        ["d"] = new JsonObject { ["token"] = token, ["session_id"] = _sessionId, ["seq"] = _sequence },
    };

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim gate, CommandLimiter limiter, JsonObject payload, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private enum FrameKind
    {
        Text,
        Binary,
        Close,
        TooLarge,
    }

    private readonly record struct Frame(FrameKind Kind, int Length);

    /// <summary>One whole message into the buffer, grown as needed up to the largest frame allowed.</summary>
    private async Task<(Frame Frame, byte[] Buffer)> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (buffer.Length >= timings.MaxFrameBytes)
                {
                    return (new Frame(FrameKind.TooLarge, count), buffer);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, timings.MaxFrameBytes));
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (new Frame(FrameKind.Close, 0), buffer);
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return (new Frame(result.MessageType == WebSocketMessageType.Binary ? FrameKind.Binary : FrameKind.Text, count), buffer);
            }
        }
    }

    /// <summary>Ends a connection so that its session can be resumed: any close code but 1000 and 1001.</summary>
    private static Task CloseForResumeAsync(ClientWebSocket socket) => CloseAsync(socket, (WebSocketCloseStatus)4000);

    private static async Task CloseAsync(ClientWebSocket socket, WebSocketCloseStatus code)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.CloseOutputAsync(code, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Already gone.
        }
    }

    private static Uri Endpoint(string url) => new(url.TrimEnd('/') + "/?v=10&encoding=json");

    private static string Preview(byte[] buffer, int length)
    {
        var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, LogPreview * 4));
        return text.Length > LogPreview ? text[..LogPreview] + "…" : text;
    }
}
