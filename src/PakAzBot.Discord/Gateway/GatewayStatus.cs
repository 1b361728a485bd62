using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using PakAzBot.Core.Serving;

namespace PakAzBot.Discord.Gateway;

/// <summary>One shard held by this process, as /healthz and /metrics report it.</summary>
public sealed class ShardStatus(int shard)
{
    public int Shard { get; } = shard;

    /// <summary>connecting, identifying, resuming, ready, waiting (between connections), stopped (a fatal close).</summary>
    public volatile string State = "connecting";

    public volatile string? StoppedReason;

    private long _latencyTicks = -1;
    private long _resumes;
    private long _reconnects;

    public double? LatencyMs => Interlocked.Read(ref _latencyTicks) is var t and >= 0 ? TimeSpan.FromTicks(t).TotalMilliseconds : null;

    public long Resumes => Interlocked.Read(ref _resumes);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public void Acked(TimeSpan latency) => Interlocked.Exchange(ref _latencyTicks, latency.Ticks);

    public void Resumed() => Interlocked.Increment(ref _resumes);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);
}

/// <summary>The Gateway as this process runs it: how the shards are shared out, and each shard it holds.</summary>
public sealed class GatewayStatus
{
    private readonly ConcurrentDictionary<int, ShardStatus> _shards = new();

    public GatewayStatus(BotMetrics metrics)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("pakazbot.discord.gateway.shards", () => _shards.Count, description: "Discord Gateway shards this process holds");
        meter.CreateObservableGauge("pakazbot.discord.gateway.latency", () => Each(s => s.LatencyMs), unit: "ms", description: "Time from the last heartbeat to its ACK, by shard");
        meter.CreateObservableGauge("pakazbot.discord.gateway.ready", () => Each(s => (double?)(s.State == "ready" ? 1 : 0)), description: "1 while the shard's session is ready, else 0, by shard");
        meter.CreateObservableCounter("pakazbot.discord.gateway.resumes", () => Each(s => (double?)s.Resumes), description: "Sessions resumed, by shard");
        meter.CreateObservableCounter("pakazbot.discord.gateway.reconnects", () => Each(s => (double?)s.Reconnects), description: "Connections made again after one ended, by shard");
    }

    /// <summary>Total shards, once known.</summary>
    public int? ShardCount { get; set; }

    /// <summary>How shards are shared: "postgresql" or "this process".</summary>
    public string Coordination { get; set; } = "this process";

    /// <summary>Why the Gateway is not running, when it stopped as a whole (a bad token).</summary>
    public string? Problem { get; set; }

    public IReadOnlyCollection<ShardStatus> Shards => _shards.Values.OrderBy(s => s.Shard).ToList();

    public ShardStatus Add(int shard) => _shards[shard] = new ShardStatus(shard);

    public void Remove(int shard) => _shards.TryRemove(shard, out _);

    public JsonObject ToJson() => new()
    {
        ["coordination"] = Coordination,
        ["shardCount"] = ShardCount,
        ["problem"] = Problem,
        ["shards"] = new JsonArray(Shards.Select(s => (JsonNode)new JsonObject
        {
            ["shard"] = s.Shard,
            ["state"] = s.State,
            ["latencyMs"] = s.LatencyMs is { } l ? Math.Round(l, 1) : null,
            ["resumes"] = s.Resumes,
            ["reconnects"] = s.Reconnects,
            ["stoppedReason"] = s.StoppedReason,
        }).ToArray()),
    };

    private IEnumerable<Measurement<double>> Each(Func<ShardStatus, double?> value)
    {
        foreach (var s in _shards.Values)
        {
            if (value(s) is { } v)
            {
                yield return new Measurement<double>(v, new TagList { { "shard", s.Shard } });
            }
        }
    }
}
