using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Serving;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Search;

/// <summary>
/// The index in service, rebuilt from the knowledge folder on demand. A rebuild validates everything first and
/// swaps the new generation in only when it is complete; a refused rebuild leaves the previous one serving.
/// Rebuilds run one at a time. A retired generation is disposed when the last question using it finishes.
/// </summary>
/// <remarks>
/// With semantic search on, a rebuild whose every vector is in the cache goes live with them at once (no model run).
/// Otherwise (first start, new or changed paragraphs) it goes live with BM25 alone, so questions are answered at once,
/// and the vectors are computed in the background; when they are done the same generation, now with vectors, is
/// swapped in, unless a newer rebuild went live meanwhile (that one cancels the background work and starts its own).
/// The generation keeps its number: it holds the same knowledge, only derived data was added.
/// </remarks>
public sealed partial class LiveIndex : ILiveIndex, IReindexer, IDisposable
{
    private readonly string _knowledgePath;
    private readonly BotMetrics _metrics;
    private readonly ILogger<LiveIndex> _logger;
    private readonly SemanticSettings? _semantic;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Slot? _current;
    private int _generations;
    private SemanticBuild? _semanticBuild;

    public LiveIndex(string knowledgePath, BotMetrics metrics, ILogger<LiveIndex> logger, SemanticSettings? semantic = null)
    {
        _knowledgePath = knowledgePath;
        _metrics = metrics;
        _logger = logger;
        _semantic = semantic;
        metrics.ObserveIndex(() => Current);
    }

    /// <summary>How a rebuild reads the folder (tests put a loader in its place that changes the folder midway).</summary>
    internal Func<string, KnowledgeBase> Loader { get; init; } = KnowledgeLoader.Load;

    public IndexGeneration? Current => Volatile.Read(ref _current)?.Generation;

    /// <summary>"off" (semantic search turned off), "ready" (the live generation has its vectors), "building", or "failed".</summary>
    public string SemanticState
    {
        get
        {
            if (_semantic is null)
            {
                return "off";
            }

            var current = Current;
            if (current?.Index.Semantic is not null)
            {
                return "ready";
            }

            var build = Volatile.Read(ref _semanticBuild);
            return build is not null && current is not null && build.Generation == current.Number && build.Task.IsFaulted ? "failed" : "building";
        }
    }

    /// <summary>The background computation of the vectors, if one was started (tests wait on it).</summary>
    internal Task? SemanticTask => Volatile.Read(ref _semanticBuild)?.Task;

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
        var build = Interlocked.Exchange(ref _semanticBuild, null);
        if (build is not null)
        {
            build.Cancel();

            // The model stops within one batch; waiting keeps a half-written cache file from outliving the process.
            try
            {
                build.Task.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Logged where it failed.
            }
        }

        Interlocked.Exchange(ref _current, null)?.Release();
        _gate.Dispose();
    }

    private ReindexResult Rebuild(Stopwatch clock)
    {
        KnowledgeBase knowledge;
        LuceneIndex index;
        SemanticIndex? vectors = null;
        try
        {
            knowledge = Loader(_knowledgePath);
            foreach (var warning in knowledge.Warnings)
            {
                LogSkipped(warning.ToString());
            }

            var current = Current;
            if (current is not null && current.ContentHash == knowledge.ContentHash)
            {
                // A background build that failed (or was never started) is tried again by an unchanged rebuild.
                if (_semantic is not null && current.Index.Semantic is null && current.Index is LuceneIndex live && SemanticState == "failed")
                {
                    StartSemanticBuild(live, current.Number);
                }

                return new ReindexResult(true, false, current, [], clock.Elapsed);
            }

            if (_semantic is not null)
            {
                vectors = SemanticIndex.FromCache(knowledge, _semantic.Encoder, _semantic.VectorCachePath, _logger);
            }

            index = LuceneIndex.BuildInMemory(knowledge, vectors);
        }
        catch (KnowledgeValidationException e)
        {
            return new ReindexResult(false, false, Current, e.Errors, clock.Elapsed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The loader reports what it reads as errors; this is the folder changing under Lucene or the vector cache.
            // The rebuild is refused like any other, and the generation in service stays.
            return new ReindexResult(false, false, Current,
                [new KnowledgeError(_knowledgePath, 0, $"the rebuild could not read the folder ({e.Message}); reindex again once it has settled")], clock.Elapsed);
        }

        var generation = new IndexGeneration(Interlocked.Increment(ref _generations), index, clock.Elapsed, DateTimeOffset.UtcNow);
        Interlocked.Exchange(ref _current, new Slot(generation))?.Release();
        if (_semantic is not null)
        {
            if (vectors is null)
            {
                StartSemanticBuild(index, generation.Number);
            }
            else
            {
                Interlocked.Exchange(ref _semanticBuild, null)?.Cancel();
                WarmUpEncoder();
            }
        }

        return new ReindexResult(true, true, generation, [], clock.Elapsed);
    }

    /// <summary>
    /// Computes the vectors of a generation that went live without them, then swaps in the same generation with them
    /// if it is still the live one. Cancels the build of any older generation.
    /// </summary>
    private void StartSemanticBuild(LuceneIndex live, int number)
    {
        var semantic = _semantic!;

        // A reference of its own keeps the Lucene index open however soon the generation is retired.
        var basis = live.WithSemantic(null);
        var build = new SemanticBuild(number);
        Interlocked.Exchange(ref _semanticBuild, build)?.Cancel();
        build.Start(() =>
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var vectors = SemanticIndex.Build(basis.Knowledge, semantic.Encoder, semantic.VectorCachePath, _logger, build.Cancellation);
                var upgraded = basis.WithSemantic(vectors);
                var slot = Volatile.Read(ref _current);
                if (slot is null || slot.Generation.Number != number || build.Cancellation.IsCancellationRequested)
                {
                    upgraded.Dispose();
                    return;
                }

                var withVectors = new Slot(slot.Generation with { Index = upgraded, LiveSince = DateTimeOffset.UtcNow });
                if (Interlocked.CompareExchange(ref _current, withVectors, slot) == slot)
                {
                    slot.Release();
                    LogSemanticReady(number, vectors.Model, vectors.Encoded, vectors.Cached, clock.Elapsed.TotalMilliseconds);
                }
                else
                {
                    upgraded.Dispose();
                }
            }
            catch (Exception e) when (e is OperationCanceledException || build.Cancellation.IsCancellationRequested)
            {
                // A newer generation took over (ONNX Runtime reports a terminated run as its own exception).
            }
            catch (Exception e) when (!build.Cancellation.IsCancellationRequested)
            {
                LogSemanticFailed(e, number);
                throw;
            }
            finally
            {
                basis.Dispose();
            }
        });
    }

    /// <summary>Loads the model in the background when the vectors came from the cache, so the first question does not wait for it.</summary>
    private void WarmUpEncoder()
    {
        var encoder = _semantic!.Encoder;
        _ = Task.Run(() =>
        {
            try
            {
                encoder.EncodeQuery("warm-up");
            }
            catch (Exception e)
            {
                LogSemanticFailed(e, Current?.Number ?? 0);
            }
        });
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Reindex ({Trigger}): {Outcome}, generation {Generation} live with {Documents} documents, {Paragraphs} paragraphs in {DurationMs:0} ms")]
    private partial void LogRebuilt(string trigger, string outcome, int generation, int documents, int paragraphs, double durationMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error,
        Message = "Reindex ({Trigger}) refused, {Count} error(s): {Errors}. Generation {Generation} stays in service")]
    private partial void LogRefused(string trigger, int count, string errors, int generation);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Knowledge file skipped: {Warning}")]
    private partial void LogSkipped(string warning);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information,
        Message = "Semantic vectors ({Model}) live for generation {Generation}: {Encoded} text(s) embedded, {Cached} from the cache, in {DurationMs:0} ms")]
    private partial void LogSemanticReady(int generation, string model, int encoded, int cached, double durationMs);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error,
        Message = "Semantic vectors for generation {Generation} failed; it keeps serving with BM25 alone, and an unchanged reindex tries again")]
    private partial void LogSemanticFailed(Exception exception, int generation);

    /// <summary>A background computation of one generation's vectors.</summary>
    private sealed class SemanticBuild(int generation)
    {
        private readonly CancellationTokenSource _cancellation = new();

        public int Generation { get; } = generation;

        public Task Task { get; private set; } = Task.CompletedTask;

        public CancellationToken Cancellation => _cancellation.Token;

        public void Start(Action work) => Task = Task.Run(work);

        public void Cancel() => _cancellation.Cancel();
    }

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
