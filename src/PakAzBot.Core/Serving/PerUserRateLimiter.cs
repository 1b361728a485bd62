using System.Threading.RateLimiting;

namespace PakAzBot.Core.Serving;

/// <summary>
/// A fixed window of questions per user (the platform's user id on Discord and Teams), from the RateLimit settings,
/// so one user's flood slows that user only.
/// </summary>
public sealed class PerUserRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = TimeSpan.FromSeconds(options.WindowSeconds),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string user)
    {
        using var lease = _limiter.AttemptAcquire(user);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
