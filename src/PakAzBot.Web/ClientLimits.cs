using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace PakAzBot.Web;

/// <summary>
/// Fixed windows that start on the clock's multiples of their length (for a 60 s window, on each minute), so the time
/// until a window ends, and with it the time until a refused client gets permits again, is known exactly. The permits
/// themselves are counted by System.Threading.RateLimiting's fixed-window limiter, one per client and window.
/// </summary>
internal static class AlignedWindow
{
    /// <summary>The number of the window <paramref name="now"/> falls in, and when that window ends.</summary>
    public static (long Number, DateTimeOffset Ends) At(DateTimeOffset now, TimeSpan length)
    {
        var number = now.UtcTicks / length.Ticks;
        return (number, new DateTimeOffset((number + 1) * length.Ticks, TimeSpan.Zero));
    }

    /// <summary>A Retry-After value: whole seconds until <paramref name="ends"/>, at least 1.</summary>
    public static string RetryAfter(DateTimeOffset ends, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((ends - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Who a request comes from, for the limits: the client's address (the real one behind a trusted proxy).</summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}

/// <summary>
/// The admin API's guard: the bearer token (scheme in any case, as RFC 9110 has it), and a limit on failed attempts
/// per client, so a wrong token can be tried only <see cref="MaxFailures"/> times a minute from one address. Once
/// that is spent, even the right token waits for the next minute, so the limit cannot be probed for the answer.
/// </summary>
public sealed class AdminGuard(TimeProvider clock) : IDisposable
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = MaxFailures, Window = Window, QueueLimit = 0 }));

    // Checking a token and counting its failure is one step, so parallel guesses cannot all pass the check before
    // the first failure is counted. It is microseconds long, and the admin API is rarely called.
    private readonly Lock _lock = new();

    public enum Outcome
    {
        Allowed,
        Refused,
        Throttled,
    }

    /// <summary>Whether <paramref name="authorization"/> carries <paramref name="token"/>; when throttled, until when.</summary>
    public (Outcome Outcome, DateTimeOffset RetryAt) Check(string client, string authorization, string token)
    {
        var now = clock.GetUtcNow();
        var (number, ends) = AlignedWindow.At(now, Window);
        var key = client + "|" + number.ToString(CultureInfo.InvariantCulture);
        lock (_lock)
        {
            using (var left = _failures.AttemptAcquire(key, 0))
            {
                if (!left.IsAcquired)
                {
                    return (Outcome.Throttled, ends);
                }
            }

            if (Carries(authorization, token))
            {
                return (Outcome.Allowed, ends);
            }

            using var counted = _failures.AttemptAcquire(key, 1);
            return (Outcome.Refused, ends);
        }
    }

    public void Dispose() => _failures.Dispose();

    private static bool Carries(string authorization, string token)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var value)
            || !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(value.Parameter));
    }
}
