using Microsoft.Extensions.Logging;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Spaces this process's Identify commands as Discord's session start limit asks ("Gateway", Session Start Limit
/// Object and Sharding for Large Bots): <c>max_concurrency</c> identifies per 5 seconds, one per rate-limit key
/// (shard id % max_concurrency), and none once <c>remaining</c> session starts are used up until <c>reset_after</c>.
/// </summary>
internal sealed partial class IdentifyQueue(GatewayInfo info, GatewayTimings timings, TimeProvider clock, ILogger logger)
{
    private readonly Dictionary<int, DateTimeOffset> _nextByKey = [];
    private readonly Lock _gate = new();
    private int _remaining = info.Remaining;
    private DateTimeOffset _resetAt = clock.GetUtcNow() + info.ResetAfter;

    public async Task WaitAsync(int shard, CancellationToken cancellationToken)
    {
        var key = shard % Math.Max(1, info.MaxConcurrency);
        while (true)
        {
            TimeSpan wait;
            var exhausted = false;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (now >= _resetAt && _remaining <= 0)
                {
                    _remaining = info.Total;
                    _resetAt = now + TimeSpan.FromDays(1);
                }

                var next = _nextByKey.GetValueOrDefault(key);
                if (_remaining <= 0)
                {
                    wait = _resetAt - now;
                    exhausted = true;
                }
                else if (next > now)
                {
                    wait = next - now;
                }
                else
                {
                    _remaining--;
                    _nextByKey[key] = now + timings.IdentifyWindow;
                    return;
                }
            }

            if (exhausted)
            {
                LogExhausted(shard, wait);
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: shard {Shard} waits {Wait} to identify: the bot has used up its session starts for today (session_start_limit); frequent restarts or reconnect loops use them")]
    private partial void LogExhausted(int shard, TimeSpan wait);
}

/// <summary>What GET /gateway/bot says: where to connect, the recommended shard count and the session start limit.</summary>
public sealed record GatewayInfo(string Url, int Shards, int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
