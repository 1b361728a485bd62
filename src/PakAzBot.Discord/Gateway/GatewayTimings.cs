namespace PakAzBot.Discord.Gateway;

/// <summary>
/// The waits the Gateway protocol prescribes or that keep the client polite; not settings, since Discord sets them,
/// but a type of their own so that tests can shorten them.
/// </summary>
internal sealed record GatewayTimings
{
    /// <summary>After op 9 with d false: "wait a random amount of time between 1 and 5 seconds", then identify.</summary>
    public TimeSpan InvalidSessionWaitMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionWaitMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first back-off after a failed connection, doubled each failure in a row up to <see cref="ReconnectMax"/>.</summary>
    public TimeSpan ReconnectFirst { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>"max_concurrency" identifies are allowed per this window, per rate-limit key (shard id % max_concurrency).</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gateway commands allowed per <see cref="CommandWindow"/> on one connection ("Rate Limiting": 120 per 60 s).</summary>
    public int CommandLimit { get; init; } = 120;

    public TimeSpan CommandWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The typing indicator is shown for an answer that takes longer than this.</summary>
    public TimeSpan TypingAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Discord shows typing for 10 s after each POST; it is renewed this often while the answer is still coming.</summary>
    public TimeSpan TypingEvery { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>A frame larger than this is not read: the connection is dropped and resumed.</summary>
    public int MaxFrameBytes { get; init; } = 8 * 1024 * 1024;
}
