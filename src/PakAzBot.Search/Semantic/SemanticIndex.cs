using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// The vector of every paragraph and every sentence of a knowledge base, each kind in one contiguous array, searched
/// by brute force: a cosine is a dot product of unit vectors, and at 10,000 paragraphs × 384 numbers one pass over
/// them with SIMD takes about a millisecond, so no approximate index is needed. Immutable once built; thread-safe.
/// </summary>
public sealed class SemanticIndex : ISemanticIndex
{
    private readonly ITextEncoder _encoder;
    private readonly int _dimensions;
    private readonly Passage[] _passages;
    private readonly float[] _paragraphs;
    private readonly float[] _sentences;

    // Where each paragraph's sentences start in _sentences, by paragraph position; one more entry closes the last.
    private readonly int[] _firstSentence;
    private readonly Dictionary<Passage, int> _positions;

    private SemanticIndex(ITextEncoder encoder, Passage[] passages, float[] paragraphs, float[] sentences, int[] firstSentence, int encoded, int cached)
    {
        _encoder = encoder;
        _dimensions = encoder.Dimensions;
        _passages = passages;
        _paragraphs = paragraphs;
        _sentences = sentences;
        _firstSentence = firstSentence;
        _positions = new Dictionary<Passage, int>(passages.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < passages.Length; i++)
        {
            _positions[passages[i]] = i;
        }

        Encoded = encoded;
        Cached = cached;
    }

    public string Model => _encoder.Model;

    /// <summary>How many distinct texts the model encoded to build this index (the rest came from the cache).</summary>
    public int Encoded { get; }

    /// <summary>How many distinct texts came from the vector cache.</summary>
    public int Cached { get; }

    /// <summary>
    /// The paragraphs' vectors and then the sentences', every vector from the cache at <paramref name="cachePath"/>
    /// (null: none) or else from the model; writes the cache back with exactly the vectors this knowledge uses.
    /// </summary>
    public static SemanticIndex Build(KnowledgeBase knowledge, ITextEncoder encoder, string? cachePath, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        Build(knowledge, encoder, VectorCache.Load(cachePath, encoder.Model, encoder.Dimensions, logger), cancellationToken);

    /// <summary>
    /// The index from cached vectors alone, without running the model; null when any vector is missing.
    /// Cheap to try first: a restart on unchanged knowledge needs nothing else.
    /// </summary>
    public static SemanticIndex? FromCache(KnowledgeBase knowledge, ITextEncoder encoder, string? cachePath, ILogger? logger = null)
    {
        var cache = VectorCache.Load(cachePath, encoder.Model, encoder.Dimensions, logger);
        return cache.Missing(Texts(knowledge)).Count > 0 ? null : Build(knowledge, encoder, cache, CancellationToken.None);
    }

    /// <summary>The text embedded for a paragraph.</summary>
    /// <remarks>
    /// The paragraph alone, without its section heading. Measured on both dev sets (README "Semantic model"), putting
    /// the heading in front left arctic-embed-xs's dense passage@1 exactly where it was (93.5% and 71.0%), so the
    /// vector stands for just the text that is quoted, and one heading shared by many paragraphs ("Bilateral
    /// Relations") does not pull them together.
    /// </remarks>
    internal static string ParagraphText(Passage passage) => passage.Text;

    /// <summary>Every text whose vector the index holds: each paragraph, then each sentence.</summary>
    internal static IEnumerable<string> Texts(KnowledgeBase knowledge) =>
        knowledge.Passages.Select(ParagraphText).Concat(knowledge.Passages.SelectMany(p => p.Sentences.Select(s => s.Text)));

    public float[] EncodeQuery(string question) => _encoder.EncodeQuery(question);

    public IReadOnlyList<PassageHit> Nearest(ReadOnlySpan<float> query, int count)
    {
        CheckQuery(query);
        count = Math.Min(count, _passages.Length);
        if (count <= 0)
        {
            return [];
        }

        // A min-heap of the best so far: one pass, and only the few that beat the weakest kept are inserted.
        var best = new PriorityQueue<int, float>(count + 1);
        var threshold = float.NegativeInfinity;
        for (var i = 0; i < _passages.Length; i++)
        {
            var score = TensorPrimitives.Dot(query, _paragraphs.AsSpan(i * _dimensions, _dimensions));
            if (best.Count < count)
            {
                best.Enqueue(i, score);
                if (best.Count == count)
                {
                    best.TryPeek(out _, out threshold);
                }
            }
            else if (score > threshold)
            {
                best.EnqueueDequeue(i, score);
                best.TryPeek(out _, out threshold);
            }
        }

        var hits = new PassageHit[best.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var position, out var score);
            hits[i] = new PassageHit(_passages[position], score);
        }

        return hits;
    }

    public float Similarity(ReadOnlySpan<float> query, Passage passage)
    {
        CheckQuery(query);
        return TensorPrimitives.Dot(query, _paragraphs.AsSpan(PositionOf(passage) * _dimensions, _dimensions));
    }

    public float SentenceSimilarity(ReadOnlySpan<float> query, Passage passage, int sentence)
    {
        CheckQuery(query);
        var position = PositionOf(passage);
        var first = _firstSentence[position];
        if ((uint)sentence >= (uint)(_firstSentence[position + 1] - first))
        {
            throw new ArgumentOutOfRangeException(nameof(sentence), sentence, $"{passage.Id} has {_firstSentence[position + 1] - first} sentence(s).");
        }

        return TensorPrimitives.Dot(query, _sentences.AsSpan((first + sentence) * _dimensions, _dimensions));
    }

    private static SemanticIndex Build(KnowledgeBase knowledge, ITextEncoder encoder, VectorCache cache, CancellationToken cancellationToken)
    {
        var texts = Texts(knowledge).ToList();
        var missing = cache.Missing(texts);
        if (missing.Count > 0)
        {
            cache.Add(missing, encoder.EncodeDocuments(missing, cancellationToken));
        }

        cache.Save(texts);

        var passages = knowledge.Passages.ToArray();
        var dimensions = encoder.Dimensions;
        var paragraphs = new float[passages.Length * dimensions];
        var firstSentence = new int[passages.Length + 1];
        for (var i = 0; i < passages.Length; i++)
        {
            Copy(cache, ParagraphText(passages[i]), paragraphs.AsSpan(i * dimensions, dimensions));
            firstSentence[i + 1] = firstSentence[i] + passages[i].Sentences.Count;
        }

        var sentences = new float[firstSentence[^1] * dimensions];
        for (var i = 0; i < passages.Length; i++)
        {
            for (var s = 0; s < passages[i].Sentences.Count; s++)
            {
                Copy(cache, passages[i].Sentences[s].Text, sentences.AsSpan((firstSentence[i] + s) * dimensions, dimensions));
            }
        }

        var distinct = texts.Distinct(StringComparer.Ordinal).Count();
        return new SemanticIndex(encoder, passages, paragraphs, sentences, firstSentence, missing.Count, distinct - missing.Count);
    }

    private static void Copy(VectorCache cache, string text, Span<float> target)
    {
        if (!cache.TryGet(text, out var vector))
        {
            throw new InvalidOperationException("A vector went missing from the cache during the build.");
        }

        vector.CopyTo(target);
    }

    private int PositionOf(Passage passage) =>
        _positions.TryGetValue(passage, out var position)
            ? position
            : throw new ArgumentException($"Passage {passage.Id} is not in this index (it belongs to another build of the knowledge).", nameof(passage));

    private void CheckQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != _dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} numbers; {Model} vectors have {_dimensions}.", nameof(query));
        }
    }
}
