using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Serving;

namespace PakAzBot.Search;

/// <summary>
/// The index in service, rebuilt from the knowledge folder on demand. A rebuild validates everything first and
/// swaps the new generation in only when it is complete; a refused rebuild leaves the previous one serving.
/// Rebuilds run one at a time. A retired generation is disposed when the last question using it finishes.
/// </summary>
public sealed partial class LiveIndex : ILiveIndex, IReindexer, IDisposable
{
    private readonly string _knowledgePath;
    private readonly BotMetrics _metrics;
    private readonly ILogger<LiveIndex> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Slot? _current;
    private int _generations;

    public LiveIndex(string knowledgePath, BotMetrics metrics, ILogger<LiveIndex> logger)
    {
        _knowledgePath = knowledgePath;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveIndex(() => Current);
    }

    public IndexGeneration? Current => Volatile.Read(ref _current)?.Generation;

    /// <summary>The errors of the last refused rebuild, until one succeeds.</summary>
    public IReadOnlyList<KnowledgeError> LastErrors { get; private set; } = [];

    public IndexLease? Acquire()
    {
        while (true)
        {
            var slot = Volatile.Read(ref _current);
            if (slot is null)
            {
                return null;
            }

            var count = Volatile.Read(ref slot.References);
            if (count == 0)
            {
                // Retired and closing; the field already holds its successor.
                continue;
            }

            if (Interlocked.CompareExchange(ref slot.References, count + 1, count) == count)
            {
                return new IndexLease(slot.Generation, slot.Release);
            }
        }
    }

    public async Task<ReindexResult> ReindexAsync(string trigger, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await Task.Run(() => Rebuild(clock), cancellationToken).ConfigureAwait(false);
            _metrics.Reindex(trigger, result);
            if (result.Succeeded)
            {
                LastErrors = [];
                LogRebuilt(trigger, result.Changed ? "built" : "unchanged", result.Generation!.Number, result.Generation.Documents,
                    result.Generation.Paragraphs, result.Duration.TotalMilliseconds);
            }
            else
            {
                LastErrors = result.Errors;
                LogRefused(trigger, result.Errors.Count, string.Join("; ", result.Errors), Current?.Number ?? 0);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _current, null)?.Release();
        _gate.Dispose();
    }

    private ReindexResult Rebuild(Stopwatch clock)
    {
        KnowledgeBase knowledge;
        LuceneIndex index;
        try
        {
            knowledge = KnowledgeLoader.Load(_knowledgePath);
            var current = Current;
            if (current is not null && current.ContentHash == knowledge.ContentHash)
            {
                return new ReindexResult(true, false, current, [], clock.Elapsed);
            }

            index = LuceneIndex.BuildInMemory(knowledge);
        }
        catch (KnowledgeValidationException e)
        {
            return new ReindexResult(false, false, Current, e.Errors, clock.Elapsed);
        }

        var generation = new IndexGeneration(Interlocked.Increment(ref _generations), index, clock.Elapsed, DateTimeOffset.UtcNow);
        Interlocked.Exchange(ref _current, new Slot(generation))?.Release();
        return new ReindexResult(true, true, generation, [], clock.Elapsed);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Reindex ({Trigger}): {Outcome}, generation {Generation} live with {Documents} documents, {Paragraphs} paragraphs in {DurationMs:0} ms")]
    private partial void LogRebuilt(string trigger, string outcome, int generation, int documents, int paragraphs, double durationMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error,
        Message = "Reindex ({Trigger}) refused, {Count} error(s): {Errors}. Generation {Generation} stays in service")]
    private partial void LogRefused(string trigger, int count, string errors, int generation);

    /// <summary>A generation and the number of holders: the live index itself, plus one per lease.</summary>
    private sealed class Slot(IndexGeneration generation)
    {
        public int References = 1;

        public IndexGeneration Generation { get; } = generation;

        public void Release()
        {
            if (Interlocked.Decrement(ref References) == 0)
            {
                Generation.Index.Dispose();
            }
        }
    }
}
