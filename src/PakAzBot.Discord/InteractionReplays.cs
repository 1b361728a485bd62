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
    // Far more interactions than one replica sees in a signature window; past it, an interaction simply runs.
    private const int MaxRemembered = 200_000;

    private readonly MemoryCache _responses = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
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
        lock (_gate)
        {
            if (!_responses.TryGetValue(id, out Lazy<Task<string>>? known) || known is null)
            {
                known = new Lazy<Task<string>>(run);
                _responses.Set(id, known, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _window });
            }

            response = known;
        }

        try
        {
            return await response.Value;
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
