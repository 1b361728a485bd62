using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// One shard's connection to the Gateway, kept up until stopped ("Gateway" in Discord's documentation, Connection
/// Lifecycle): Hello, heartbeats from a jittered first beat, Identify or Resume, dispatches; op 7 and a missed ACK
/// resume, op 9 resumes or identifies anew after 1 to 5 s, close codes Discord calls final stop it. Bad frames are
/// logged and survived; a frame too large to read drops the connection, which is then resumed.
/// </summary>
internal sealed partial class ShardConnection(
    int shard,
    int shardCount,
    string gatewayUrl,
    string token,
    IdentifyQueue identify,
    GatewayTimings timings,
    TimeProvider clock,
    ShardStatus status,
    Action<string, JsonElement, string?> dispatch,
    ILogger logger)
{
    private const int LogPreview = 120;

    private string? _sessionId;
    private string? _resumeUrl;
    private long? _sequence;
    private string? _botUserId;

    // Written by the receive loop, read by the heartbeat loop.
    private volatile bool _acked;
    private volatile bool _missedAck;
    private long _lastBeatTicks;

    private enum Next
    {
        Resume,
        Identify,
        Stop,
    }

    private readonly record struct Outcome(Next Next, TimeSpan? Wait, bool WasReady, string? Fatal = null);

    public int Shard => shard;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                outcome = await ConnectionAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogConnectionFailed(e, shard, e.Message);
                outcome = new Outcome(Next.Resume, null, WasReady: false);
            }

            if (outcome.Next == Next.Stop)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                status.State = "stopped";
                status.StoppedReason = outcome.Fatal;
                LogFatal(shard, outcome.Fatal ?? "");
                return;
            }

            if (outcome.Next == Next.Identify)
            {
                ForgetSession();
            }

            failures = outcome.WasReady ? 0 : failures + 1;
            var wait = outcome.Wait ?? Backoff(failures);
            status.State = "waiting";
            status.Reconnected();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>0 after a connection that worked; else doubling from ReconnectFirst up to ReconnectMax, jittered.</summary>
    private TimeSpan Backoff(int failures)
    {
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var doubled = timings.ReconnectFirst * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = doubled < timings.ReconnectMax ? doubled : timings.ReconnectMax;
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _sequence = null;
    }

    private async Task<Outcome> ConnectionAsync(CancellationToken cancellationToken)
    {
        var resuming = _sessionId is not null;
        var url = resuming && !string.IsNullOrEmpty(_resumeUrl) ? _resumeUrl : gatewayUrl;
        using var socket = new ClientWebSocket();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        status.State = "connecting";
        _missedAck = false;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(Endpoint(url), connectTimeout.Token);
        }

        var limiter = new CommandLimiter(timings.CommandLimit, timings.CommandWindow, clock);
        var sendGate = new SemaphoreSlim(1, 1);
        Task? heartbeat = null;
        var wasReady = false;
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                Frame frame;
                try
                {
                    (frame, buffer) = await ReceiveAsync(socket, buffer, connection.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    if (_missedAck)
                    {
                        LogMissedAck(shard);
                        return new Outcome(Next.Resume, TimeSpan.Zero, wasReady);
                    }

                    LogConnectionLost(shard, e.Message);
                    return new Outcome(Next.Resume, null, wasReady);
                }

                if (frame.Kind == FrameKind.Close)
                {
                    var code = (int?)socket.CloseStatus;
                    if (GatewayCloseCodes.Fatal(code) is { } fatal)
                    {
                        return new Outcome(Next.Stop, null, wasReady, fatal);
                    }

                    LogClosed(shard, code, socket.CloseStatusDescription ?? "");
                    return new Outcome(GatewayCloseCodes.EndsSession(code) ? Next.Identify : Next.Resume, null, wasReady);
                }

                if (frame.Kind == FrameKind.TooLarge)
                {
                    LogTooLarge(shard, timings.MaxFrameBytes);
                    await CloseForResumeAsync(socket);
                    return new Outcome(Next.Resume, null, wasReady);
                }

                if (frame.Kind == FrameKind.Binary)
                {
                    LogUnreadable(shard, "a binary frame (compression was not asked for)");
                    continue;
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(buffer.AsMemory(0, frame.Length));
                }
                catch (JsonException)
                {
                    LogUnreadable(shard, "not JSON: " + Preview(buffer, frame.Length));
                    continue;
                }

                using (document)
                {
                    var payload = document.RootElement;
                    if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("op", out var opElement)
                        || opElement.ValueKind != JsonValueKind.Number || !opElement.TryGetInt32(out var op))
                    {
                        LogUnreadable(shard, "no opcode: " + Preview(buffer, frame.Length));
                        continue;
                    }

                    var data = payload.TryGetProperty("d", out var d) ? d : default;
                    switch (op)
                    {
                        case GatewayOpcode.Hello:
                            var interval = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("heartbeat_interval", out var i)
                                           && i.ValueKind == JsonValueKind.Number && i.TryGetDouble(out var ms) && ms is >= 1 and <= 600_000
                                ? TimeSpan.FromMilliseconds(ms)
                                : TimeSpan.FromSeconds(41.25);
                            _acked = true;
                            heartbeat ??= HeartbeatAsync(socket, interval, beat => SendAsync(socket, sendGate, limiter, beat, connection.Token), connection.Token);
                            if (resuming)
                            {
                                status.State = "resuming";
                                await SendAsync(socket, sendGate, limiter, Resume(), connection.Token);
                            }
                            else
                            {
                                status.State = "identifying";
                                await identify.WaitAsync(shard, connection.Token);
                                await SendAsync(socket, sendGate, limiter, Identify(), connection.Token);
                            }

                            break;
                        case GatewayOpcode.HeartbeatAck:
                            _acked = true;
                            status.Acked(clock.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero));
                            break;
                        case GatewayOpcode.Heartbeat:
                            await SendAsync(socket, sendGate, limiter, HeartbeatPayload(), connection.Token);
                            break;
                        case GatewayOpcode.Reconnect:
                            LogReconnectAsked(shard);
                            await CloseForResumeAsync(socket);
                            return new Outcome(Next.Resume, TimeSpan.Zero, wasReady);
                        case GatewayOpcode.InvalidSession:
                            await CloseForResumeAsync(socket);
                            if (data.ValueKind == JsonValueKind.True && _sessionId is not null)
                            {
                                LogInvalidSession(shard, "resumable: resuming");
                                return new Outcome(Next.Resume, TimeSpan.Zero, wasReady);
                            }

                            LogInvalidSession(shard, "not resumable: identifying anew after a wait");
                            var wait = timings.InvalidSessionWaitMin + (timings.InvalidSessionWaitMax - timings.InvalidSessionWaitMin) * Random.Shared.NextDouble();
                            return new Outcome(Next.Identify, wait, wasReady);
                        case GatewayOpcode.Dispatch:
                            if (payload.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sequence))
                            {
                                _sequence = sequence;
                            }

                            var type = payload.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                            if (type == "READY")
                            {
                                OnReady(data);
                                wasReady = true;
                                status.State = "ready";
                                LogReady(shard, shardCount, resuming ? "identified (resume refused)" : "identified");
                            }
                            else if (type == "RESUMED")
                            {
                                wasReady = true;
                                status.State = "ready";
                                status.Resumed();
                                LogReady(shard, shardCount, "resumed");
                            }
                            else if (type is not null && data.ValueKind == JsonValueKind.Object)
                            {
                                Dispatch(type, data);
                            }

                            break;
                        default:
                            LogUnknownOp(shard, op);
                            break;
                    }
                }
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                // Stopped (the shard moves to another replica, or the host stops): end the session for good.
                await CloseAsync(socket, WebSocketCloseStatus.NormalClosure);
            }

            await connection.CancelAsync();
            socket.Abort();
            if (heartbeat is not null)
            {
                await heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void OnReady(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _sessionId = data.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        _resumeUrl = data.TryGetProperty("resume_gateway_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        if (data.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var userId)
            && userId.ValueKind == JsonValueKind.String)
        {
            _botUserId = userId.GetString();
        }
    }

    private void Dispatch(string type, JsonElement data)
    {
        try
        {
            dispatch(type, data.Clone(), _botUserId);
        }
        catch (Exception e)
        {
            LogDispatchFailed(e, shard, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord Gateway: shard {Shard} stopped, Discord refused it: {Reason}")]
    private partial void LogFatal(int shard, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: shard {Shard} of {Shards} ready ({How})")]
    private partial void LogReady(int shard, int shards, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: shard {Shard} could not connect or lost its connection: {Reason}")]
    private partial void LogConnectionFailed(Exception exception, int shard, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: shard {Shard} lost its connection ({Reason}); reconnecting")]
    private partial void LogConnectionLost(int shard, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: shard {Shard} got no ACK for its last heartbeat; reconnecting to resume")]
    private partial void LogMissedAck(int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: shard {Shard} closed by Discord with {Code} {Reason}; reconnecting")]
    private partial void LogClosed(int shard, int? code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: shard {Shard} asked to reconnect (op 7); resuming")]
    private partial void LogReconnectAsked(int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: shard {Shard} session invalid (op 9), {What}")]
    private partial void LogInvalidSession(int shard, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: shard {Shard} ignored a frame it cannot read: {What}")]
    private partial void LogUnreadable(int shard, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: shard {Shard} got a frame over {Limit} bytes; dropping the connection to resume")]
    private partial void LogTooLarge(int shard, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord Gateway: shard {Shard} ignored unknown opcode {Op}")]
    private partial void LogUnknownOp(int shard, int op);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord Gateway: shard {Shard} failed to handle a {Type} event")]
    private partial void LogDispatchFailed(Exception exception, int shard, string type);
}
