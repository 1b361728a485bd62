namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Keeps one connection's outgoing Gateway commands under Discord's limit ("Rate Limiting" in the Gateway
/// documentation: 120 per 60 seconds; over it the connection is closed with 4008). A sliding window of send times.
/// </summary>
internal sealed class CommandLimiter(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= window)
                {
                    _sent.Dequeue();
                }

                if (_sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }

                await Task.Delay(window - (now - _sent.Peek()), clock, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
