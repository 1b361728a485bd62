using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Serving;

/// <summary>One built index in service: which build it is, what knowledge it holds, and since when.</summary>
public sealed record IndexGeneration(int Number, IPassageIndex Index, TimeSpan BuildTime, DateTimeOffset LiveSince)
{
    public KnowledgeBase Knowledge => Index.Knowledge;

    public string ContentHash => Knowledge.ContentHash;

    public int Documents => Knowledge.Documents.Count;

    public int Paragraphs => Knowledge.Passages.Count;
}

/// <summary>The outcome of a rebuild: the generation now live, or every error that kept the previous one in service.</summary>
public sealed record ReindexResult(bool Succeeded, bool Changed, IndexGeneration? Generation, IReadOnlyList<KnowledgeError> Errors, TimeSpan Duration);

/// <summary>
/// The index in service. A rebuild swaps in a new generation atomically; a question holds a lease on the
/// generation it started with, so it finishes on that one even if another goes live meanwhile.
/// </summary>
public interface ILiveIndex
{
    /// <summary>The generation in service, or null before the first build has gone live.</summary>
    IndexGeneration? Current { get; }

    /// <summary>A lease on the current generation (dispose it when done), or null before the first build.</summary>
    IndexLease? Acquire();
}

/// <summary>Rebuilds the index from the knowledge folder. Concurrent requests are served one after another.</summary>
public interface IReindexer
{
    Task<ReindexResult> ReindexAsync(string trigger, CancellationToken cancellationToken = default);
}

/// <summary>Keeps a generation open while a question uses it.</summary>
public sealed class IndexLease(IndexGeneration generation, Action release) : IDisposable
{
    private int _released;

    public IndexGeneration Generation { get; } = generation;

    public IPassageIndex Index => Generation.Index;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
