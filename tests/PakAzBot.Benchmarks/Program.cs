using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using PakAzBot.Benchmarks;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

// `latency [paragraphs…]` times every question in one process and prints percentiles (BenchmarkDotNet reports means);
// `load-bodies QUESTIONS N TIMESTAMP FOLDER` writes the load test's request bodies (LoadBodies.cs);
// `semantic-latency [paragraphs] [vector cache]` answers with semantic search on and off (SemanticLatency.cs);
// anything else goes to BenchmarkDotNet, e.g. `--filter *` or `--filter *Protocol* --job short`.
if (args is ["latency", .. var sizes])
{
    var corpora = sizes.Length > 0 ? sizes.Select(int.Parse).ToArray() : [Corpora.Seed, 10_000, 100_000];
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
    Console.WriteLine("| corpus | paragraphs | build (paragraphs/s) | answer p50 | answer p99 | bare search p50 | bare search p99 | answer/search (mean) | answered |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var size in corpora)
    {
        var (folder, questions) = Corpora.Load(size);
        var clock = Stopwatch.StartNew();
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder));
        var build = clock.Elapsed;
        var answerer = new Answerer(index);
        var rounds = Math.Max(1, 4000 / questions.Length);
        var threw = 0;
        string? firstThrow = null;
        Answer? AskCounting(string q)
        {
            try
            {
                return answerer.Ask(q);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Counted and reported, not timed: an engine bug must not hide every other figure.
                threw++;
                firstThrow ??= $"\"{q}\": {e.GetType().Name}: {e.Message.Split('\n')[0]}";
                return null;
            }
        }

        foreach (var q in questions.Take(50))
        {
            AskCounting(q);
        }

        threw = 0;
        var answerTimes = new List<double>();
        var searchTimes = new List<double>();
        var answered = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in questions)
            {
                var t = Stopwatch.GetTimestamp();
                index.Search(index.Analyze(q), 10);
                searchTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
                var answer = AskCounting(q);
                if (answer is not null)
                {
                    answerTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    answered += answer.Answered ? 1 : 0;
                }
            }
        }

        var paragraphs = index.Knowledge.Passages.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(size == Corpora.Seed ? "seed" : "synthetic")} | {paragraphs:N0} | {paragraphs / build.TotalSeconds:N0} | {P(answerTimes, 50):0.00} ms | {P(answerTimes, 99):0.00} ms | {P(searchTimes, 50):0.00} ms | {P(searchTimes, 99):0.00} ms | {answerTimes.Average() / searchTimes.Average():0.0}× | {100.0 * answered / answerTimes.Count:0}% |"));
        if (threw > 0)
        {
            Console.WriteLine($"  ({threw} of {answerTimes.Count + threw} answers threw and are not timed; the first: {firstThrow})");
        }
    }

    return 0;
}

if (args is ["load-bodies", var questionsFile, var bodies, var timestamp, var bodiesFolder])
{
    // tests/load/run.sh: distinct signed Discord interactions and /api/ask bodies over one question list.
    LoadBodies.Write(questionsFile, int.Parse(bodies, CultureInfo.InvariantCulture), timestamp, bodiesFolder);
    return 0;
}

if (args is ["synthetic", var count, var target])
{
    var (folder, questions) = SyntheticCorpus.Write(int.Parse(count, CultureInfo.InvariantCulture), target);
    File.WriteAllLines(Path.Combine(folder, "..", Path.GetFileName(folder) + ".questions.tsv"), questions.Select(q => q.Text + "\t" + q.Year));
    Console.WriteLine(folder);
    return 0;
}

if (args is ["profile", var profiled])
{
    var (folder, questions) = Corpora.Load(int.Parse(profiled, CultureInfo.InvariantCulture));
    using var lucene = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder));
    var timed = new TimedIndex(lucene);
    var answerer = new Answerer(timed);
    foreach (var q in questions.Take(50)) answerer.Ask(q);
    timed.AnalyzeTicks = timed.SearchTicks = timed.TermsTicks = timed.TermsCalls = 0;
    var total = Stopwatch.StartNew();
    var asked = 0;
    for (var r = 0; r < Math.Max(1, 2000 / questions.Length); r++)
    {
        foreach (var q in questions) { answerer.Ask(q); asked++; }
    }

    double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency / asked;
    Console.WriteLine($"per answer: total {total.Elapsed.TotalMilliseconds * 1000 / asked:0} us, analyze {Us(timed.AnalyzeTicks):0} us, search {Us(timed.SearchTicks):0} us, terms {Us(timed.TermsTicks):0} us in {(double)timed.TermsCalls / asked:0} calls");
    return 0;
}

if (args is ["build-parts", var n])
{
    var (folder, _) = Corpora.Load(int.Parse(n, CultureInfo.InvariantCulture));
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        var knowledge = KnowledgeLoader.Load(folder);
        var load = clock.Elapsed;
        clock.Restart();
        using var index = LuceneIndex.BuildInMemory(knowledge);
        Console.WriteLine($"load+validate {load.TotalMilliseconds:0} ms, index {clock.Elapsed.TotalMilliseconds:0} ms for {knowledge.Passages.Count} paragraphs");
    }

    return 0;
}

if (args is ["semantic-model", var model])
{
    return SemanticMeasurements.Model(model);
}

if (args is ["nearest", .. var sized])
{
    SemanticMeasurements.NearestAt(sized.Length > 0 ? int.Parse(sized[0], CultureInfo.InvariantCulture) : 10_000);
    return 0;
}

if (args is ["stage-profile", .. var staged])
{
    return StageProfile.Run(staged.Length > 0 ? int.Parse(staged[0], CultureInfo.InvariantCulture) : 10_000, staged.Length > 1 ? staged[1] : null);
}

if (args is ["semantic-latency", .. var rest])
{
    return SemanticLatency.Run(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 10_000, rest.Length > 1 ? rest[1] : null);
}

if (args is ["semantic-build"])
{
    return SemanticMeasurements.Build();
}

BenchmarkSwitcher.FromAssembly(typeof(AnswerBenchmarks).Assembly).Run(args);
return 0;

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " on " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
