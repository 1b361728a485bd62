using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PakAzBot.Discord;

/// <summary>
/// Remembers the response to each interaction id for as long as its signature can be accepted (a timestamp within
/// Discord:MaxClockSkewSeconds either side of now, so twice that), so a replayed interaction gets the same response
/// without running again: no second feedback line, no second rebuild. Concurrent copies share one run.
/// </summary>
public sealed class InteractionReplays : IDisposable
{
    // Sized in characters of response: 32 million (64 MB) holds well over ten thousand answers, more than one replica
    // gets in a signature window; past it the oldest are forgotten and a replay of one of those runs again.
    private const long MaxCharacters = 32_000_000;

    private readonly MemoryCache _responses = new(new MemoryCacheOptions { SizeLimit = MaxCharacters, CompactionPercentage = 0.25 });
    private readonly Lock _gate = new();
    private readonly TimeSpan _window;

    public InteractionReplays(IOptions<DiscordOptions> options) => _window = TimeSpan.FromSeconds(2 * options.Value.MaxClockSkewSeconds);

    /// <summary>The response to interaction <paramref name="id"/>: the one already given, or <paramref name="run"/>'s.</summary>
    public async Task<string> OnceAsync(string? id, Func<Task<string>> run)
    {
        if (string.IsNullOrEmpty(id))
        {
            return await run();
        }

        Lazy<Task<string>> response;
        var first = false;
        var expires = DateTimeOffset.UtcNow + _window;
        lock (_gate)
        {
            if (!_responses.TryGetValue(id, out Lazy<Task<string>>? known) || known is null)
            {
                known = new Lazy<Task<string>>(run);
                _responses.Set(id, known, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
                first = true;
            }

            response = known;
        }

        try
        {
            var text = await response.Value;
            if (first)
            {
                // Now that its size is known, the entry counts for what it holds.
                _responses.Set(id, response, new MemoryCacheEntryOptions { Size = Math.Max(1, text.Length), AbsoluteExpiration = expires });
            }

            return text;
        }
        catch
        {
            // A run that failed is not an answer to repeat: the next copy runs again.
            _responses.Remove(id);
            throw;
        }
    }

    public void Dispose() => _responses.Dispose();
}
