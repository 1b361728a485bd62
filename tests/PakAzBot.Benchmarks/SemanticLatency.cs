using System.Diagnostics;
using System.Globalization;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Benchmarks;

/// <summary>
/// `semantic-latency [paragraphs] [vector cache]`: what semantic search costs an answer, all in one process. Builds
/// the synthetic corpus (10,000 paragraphs unless told), its BM25 index and, through <see cref="SemanticIndex.Build"/>,
/// the vectors of every paragraph and sentence, cached in a file (default /tmp/pakazbot-bench-N.vectors) so that only
/// the first run pays for the embedding. Then, on the same questions, interleaved and in a rotating order so that the
/// machine's noise falls on all three alike: the question's encoding alone (<c>EncodeQuery</c>), the answer with
/// semantic on, and the answer with BM25 only.
/// Targets: answer p99 with semantic on ≤ 30 ms; answering ÷ encoding the question ≤ 1.5×.
/// </summary>
internal static class SemanticLatency
{
    // Questions answered before timing, so that the JIT has compiled the hot paths fully (tiered compilation first
    // runs a method unoptimized, and methods with loops may stay so for a while): a server answers from steady state.
    private static readonly int Warmup = int.Parse(Environment.GetEnvironmentVariable("PAKAZBOT_BENCH_WARMUP") ?? "400", System.Globalization.CultureInfo.InvariantCulture);

    public static int Run(int paragraphs, string? cachePath)
    {
        cachePath ??= Path.Combine(Path.GetTempPath(), $"pakazbot-bench-{paragraphs}.vectors");
        var encoder = ArcticXsEncoder.Shared;
        encoder.UseModelFolder(ArcticXsEncoder.ModelFolderFor(cachePath));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, load average {LoadAverage()}");

        var (folder, questions, years) = Questions(paragraphs);
        var clock = Stopwatch.StartNew();
        var knowledge = KnowledgeLoader.Load(folder);
        using var lexical = LuceneIndex.BuildInMemory(knowledge);
        var bm25Build = clock.Elapsed;
        var rssBm25 = SettledRss();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BM25: {knowledge.Passages.Count:N0} paragraphs loaded and indexed in {bm25Build.TotalMilliseconds:0} ms; RSS {rssBm25 / 1e6:0} MB; {questions.Length} questions"));

        clock.Restart();
        encoder.Load();
        var load = clock.Elapsed;
        var rssModel = SettledRss();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: loaded in {load.TotalMilliseconds:0} ms from {encoder.ModelPath ?? "the package (in memory)"}; RSS {rssModel / 1e6:0} MB"));

        clock.Restart();
        var vectors = SemanticIndex.Build(knowledge, encoder, cachePath);
        var semanticBuild = clock.Elapsed;
        var texts = vectors.Encoded + vectors.Cached;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vectors: {texts:N0} distinct texts (paragraphs and sentences) in {semanticBuild.TotalSeconds:0.0} s: {vectors.Encoded:N0} embedded{(vectors.Encoded > 0 ? $" ({vectors.Encoded / semanticBuild.TotalSeconds:0} texts/s, the one-off cost)" : "")}, {vectors.Cached:N0} from the cache {cachePath} ({new FileInfo(cachePath).Length / 1e6:0.0} MB)"));
        if (vectors.Encoded > 0)
        {
            clock.Restart();
            vectors = SemanticIndex.FromCache(knowledge, encoder, cachePath) ?? throw new InvalidOperationException("the cache just written lacks vectors");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vectors again from the cache alone: {clock.Elapsed.TotalMilliseconds:0} ms"));
        }

        using var hybrid = lexical.WithSemantic(vectors);
        var rssSemantic = SettledRss();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"semantic on: RSS {rssSemantic / 1e6:0} MB (+{(rssSemantic - rssBm25) / 1e6:0} MB over BM25 only: the model, {texts * encoder.Dimensions * 4 / 1e6:0} MB of vectors, ONNX Runtime)"));

        var on = new Answerer(hybrid);
        var off = new Answerer(lexical);
        var work = new (string Name, Func<string, bool?> Run)[]
        {
            ("encode", q => { vectors.EncodeQuery(q); return null; }),
            ("on", q => Correct(on.Ask(q), q, years)),
            ("off", q => Correct(off.Ask(q), q, years)),
        };

        foreach (var q in questions.Take(Warmup))
        {
            foreach (var (_, run) in work)
            {
                try
                {
                    run(q);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Reported by the timed rounds below.
                }
            }
        }

        var rounds = Math.Max(1, 1500 / questions.Length);
        var times = work.ToDictionary(w => w.Name, _ => new List<double>());
        var correct = work.ToDictionary(w => w.Name, _ => 0);
        var errors = work.ToDictionary(w => w.Name, _ => 0);
        var step = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in questions)
            {
                step++;
                for (var k = 0; k < work.Length; k++)
                {
                    var (name, run) = work[(step + k) % work.Length];
                    var t = Stopwatch.GetTimestamp();
                    bool? ok;
                    try
                    {
                        ok = run(q);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Counted and shown, not timed: the benchmark measures the engine, it does not mend it.
                        if (errors[name]++ == 0)
                        {
                            Console.WriteLine($"{name}: {e.GetType().Name} on \"{q}\": {e.Message.Split('\n')[0]} at {e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("PakAzBot", StringComparison.Ordinal))?.Trim()}");
                        }

                        continue;
                    }

                    times[name].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    correct[name] += ok == true ? 1 : 0;
                }
            }
        }

        var encode = times["encode"];
        var answerOn = times["on"];
        var answerOff = times["off"];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answerOn.Count} timings each (after {Math.Min(Warmup, questions.Length)} questions of warm-up), {rounds} rounds of {questions.Length} questions; peak RSS of the process (VmHWM) {Status("VmHWM") / 1e6:0} MB; load average now {LoadAverage()}"));
        Console.WriteLine("| what | mean | p50 | p99 | answered with the right year | threw |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row("encode the question alone (`EncodeQuery`)", encode, null, errors["encode"]);
        Row("answer, semantic on", answerOn, correct["on"], errors["on"]);
        Row("answer, BM25 only (semantic off)", answerOff, correct["off"], errors["off"]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answering ÷ encoding (semantic on): {answerOn.Average() / encode.Average():0.00}× by means, {P(answerOn, 50) / P(encode, 50):0.00}× by p50 (target ≤ 1.5×)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer p99 with semantic on: {P(answerOn, 99):0.0} ms (target ≤ 30 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"semantic on ÷ off: {answerOn.Average() / answerOff.Average():0.0}× by means, {P(answerOn, 50) / P(answerOff, 50):0.0}× by p50, {P(answerOn, 99) / P(answerOff, 99):0.0}× by p99; the rest of an answer beyond the encoding: {(answerOn.Average() - encode.Average()):0.00} ms on against {answerOff.Average():0.00} ms off (means)"));
        return 0;

        void Row(string what, List<double> values, int? right, int threw) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {values.Average():0.00} ms | {P(values, 50):0.00} ms | {P(values, 99):0.00} ms | {(right is null ? "" : $"{100.0 * right / (values.Count + threw):0.0}%")} | {threw} of {values.Count + threw} |"));
    }

    private static (string Folder, string[] Questions, Dictionary<string, string> Years) Questions(int paragraphs)
    {
        var (folder, questions) = SyntheticCorpus.Write(paragraphs);
        var years = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            years.TryAdd(q.Text, q.Year);
        }

        return (folder, questions.Select(q => q.Text).ToArray(), years);
    }

    private static bool Correct(Answer answer, string question, Dictionary<string, string> years) =>
        answer.Answered && answer.Date is { } date && date.Date.Iso.StartsWith(years[question], StringComparison.Ordinal);

    /// <summary>Resident memory after a full compacting collection, so the figure is what the process keeps.</summary>
    private static long SettledRss()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return Status("VmRSS");
    }

    /// <summary>A figure of /proc/self/status in bytes (VmRSS now, VmHWM the peak); -1 elsewhere.</summary>
    private static long Status(string field)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return -1;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
