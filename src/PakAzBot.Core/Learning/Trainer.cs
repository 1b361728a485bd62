using PakAzBot.Core.Answering;
using PakAzBot.Core.Answering.Pipeline;
using PakAzBot.Core.Evaluation;

namespace PakAzBot.Core.Learning;

/// <summary>Questions to learn from, with the index of the knowledge they are about (its mode: BM25 alone, or with vectors).</summary>
public sealed record TrainingSet(string Name, IReadOnlyList<EvalItem> Items, IPassageIndex Index);

/// <param name="Folds">k of the k-fold cross-validation, in the outer loop (figures) and the inner one (decide data, threshold).</param>
/// <param name="TargetPrecision">The share of asserted answers that must be right on questions the weights never saw:
/// the threshold is the lowest confidence at which the inner folds reach it.</param>
public sealed record TrainingOptions(int Folds = 5, int Seed = 17, double TargetPrecision = 0.98, double RankL2 = 0.01, double DecideL2 = 0.05,
    double SuggestFrom = 0.1);

/// <summary>One mode's fitted weights, and each question set's figures by cross-validation (never on the data a weight was fitted on).</summary>
/// <param name="GoldRanks">For each answerable question that reached ranking, where the held-out ranker put the expected
/// paragraph (1 = first; 0 = retrieval did not keep it).</param>
public sealed record ModeTraining(ModeModel Model, IReadOnlyDictionary<string, EvalReport> CrossValidated, IReadOnlyList<(TrainingExample Example, int Rank)> GoldRanks)
{
    /// <summary>The share of reachable-or-not answerable questions whose expected paragraph the ranker put within the first <paramref name="k"/>.</summary>
    public double RankedWithin(int k) => GoldRanks.Count == 0 ? 0 : (double)GoldRanks.Count(g => g.Rank is > 0 and var r && r <= k) / GoldRanks.Count;
}

/// <summary>
/// Fits the rank and decide stages' weights on question files, and measures them by k-fold cross-validation:
/// every figure it reports comes from questions whose fold was left out of every fit (ranker, decide weights and
/// threshold alike). The decide stage learns from rankings the ranker made without the question (inner folds), so the
/// confidence it learns is the one new questions get.
/// </summary>
public static class Trainer
{
    private const int ThresholdRepeats = 5;

    /// <summary>Reads every question of the sets once (retrieval, spans, features): the fits then only reweigh.</summary>
    public static IReadOnlyList<TrainingExample> Prepare(IEnumerable<TrainingSet> sets)
    {
        var examples = new List<TrainingExample>();
        foreach (var set in sets)
        {
            var answerer = new Answerer(set.Index);
            foreach (var item in set.Items)
            {
                var deliberation = answerer.Deliberate(item.Question);
                examples.Add(deliberation is null
                    ? new TrainingExample(item, set.Name, answerer, null, answerer.Ask(item.Question), [])
                    : new TrainingExample(item, set.Name, answerer, deliberation, null, Gold(item, deliberation)));
            }
        }

        return examples;
    }

    /// <summary>The weights fitted on every example, and each set's figures by cross-validation.</summary>
    public static ModeTraining Train(IReadOnlyList<TrainingExample> examples, TrainingOptions options)
    {
        var folds = Folds(examples, options.Folds, options.Seed);
        var results = new List<(TrainingExample Example, Answer Answer)>();
        var ranks = new List<(TrainingExample, int)>();
        for (var k = 0; k < options.Folds; k++)
        {
            var model = Fit(examples.Where((_, i) => folds[i] != k).ToList(), options);
            var held = examples.Where((_, i) => folds[i] == k).ToList();
            results.AddRange(held.Select(e => (e, Conclude(e, model))));
            ranks.AddRange(held.Where(e => e.Deliberation is not null && !e.Item.Abstain).Select(e => (e, GoldRank(e, model.Rank))));
        }

        if (Environment.GetEnvironmentVariable("PAKAZBOT_TRAIN_DUMP") is { Length: > 0 } dump)
        {
            var mode = examples.Any(e => e.Answerer.Index.Semantic is not null) ? "hybrid" : "lexical";
            File.WriteAllLines($"{dump}.results.{mode}.tsv", results.Select(r =>
            {
                var score = Evaluator.Score(r.Example.Item, r.Answer);
                var rank = ranks.FirstOrDefault(x => x.Item1 == r.Example).Item2;
                return string.Join('\t', r.Example.Item.Id, r.Example.Item.Abstain ? "MD" : "ANS", r.Answer.Outcome, score.Correct ? 1 : 0, score.InReply ? 1 : 0,
                    rank, r.Answer.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Answer.Reason, r.Example.Item.Question);
            }));
        }

        var reports = results
            .GroupBy(r => r.Example.Set)
            .ToDictionary(g => g.Key, g => new EvalReport(examples.Where(e => e.Set == g.Key)
                .Select(e => Evaluator.Score(e.Item, results.First(r => r.Example == e).Answer)).ToList()));
        return new ModeTraining(Fit(examples, options), reports, ranks);
    }

    /// <summary>
    /// The learning curve: for each share of the training folds, the figures on the held-out fold. Shows whether more
    /// questions or better features is the next step.
    /// </summary>
    public static IReadOnlyList<(int Questions, EvalReport Report, double RankedFirst)> LearningCurve(IReadOnlyList<TrainingExample> examples, TrainingOptions options, IReadOnlyList<double> shares)
    {
        var folds = Folds(examples, options.Folds, options.Seed);
        var random = new Random(options.Seed);
        var order = examples.Select(_ => random.Next()).ToArray();
        var curve = new List<(int, EvalReport, double)>();
        foreach (var share in shares)
        {
            var results = new List<EvalResult>();
            var ranks = new List<int>();
            var used = 0;
            for (var k = 0; k < options.Folds; k++)
            {
                var pool = examples.Select((e, i) => (e, i)).Where(x => folds[x.i] != k).OrderBy(x => order[x.i]).Select(x => x.e).ToList();
                var train = pool.Take((int)Math.Round(pool.Count * share)).ToList();
                used += train.Count;
                var model = Fit(train, options);
                var held = examples.Where((_, i) => folds[i] == k).ToList();
                results.AddRange(held.Select(e => Evaluator.Score(e.Item, Conclude(e, model))));
                ranks.AddRange(held.Where(e => e.Deliberation is not null && !e.Item.Abstain).Select(e => GoldRank(e, model.Rank)));
            }

            curve.Add((used / options.Folds, new EvalReport(results), ranks.Count == 0 ? 0 : (double)ranks.Count(r => r == 1) / ranks.Count));
        }

        return curve;
    }

    /// <summary>Rank weights on all of <paramref name="train"/>; decide weights on rankings made without each question; the threshold on decide predictions made without it.</summary>
    internal static ModeModel Fit(IReadOnlyList<TrainingExample> train, TrainingOptions options)
    {
        var deliberated = train.Where(e => e.Deliberation is not null).ToList();
        var rank = FitRank(deliberated, options);

        // The decide stage learns from rankings made without the question, as new questions will be ranked.
        var inner = Folds(deliberated, options.Folds, options.Seed + 1);
        var decideData = new List<(TrainingExample Example, Labeled Labeled, string? Hold)>();
        for (var k = 0; k < options.Folds; k++)
        {
            var innerRank = FitRank(deliberated.Where((_, i) => inner[i] != k).ToList(), options);
            decideData.AddRange(deliberated.Where((_, i) => inner[i] == k).Select(e => DecideExample(e, innerRank)).OfType<(TrainingExample, Labeled, string?)>());
        }

        var decide = Fitting.Logistic(decideData.Select(d => d.Labeled).ToList(), Evidence.Names.Length, options.DecideL2);

        // The threshold, from decide predictions made without the question: the mean over several splits into folds, so
        // that which questions happened to share a fold does not move it.
        var sums = new double[decideData.Count];
        for (var repeat = 0; repeat < ThresholdRepeats; repeat++)
        {
            var decideFolds = Folds(decideData.Select(d => d.Example).ToList(), options.Folds, options.Seed + 2 + repeat);
            for (var k = 0; k < options.Folds; k++)
            {
                var w = Fitting.Logistic(decideData.Where((_, i) => decideFolds[i] != k).Select(d => d.Labeled).ToList(), Evidence.Names.Length, options.DecideL2);
                for (var i = 0; i < decideData.Count; i++)
                {
                    if (decideFolds[i] == k)
                    {
                        sums[i] += DecideStage.Logistic(w, decideData[i].Labeled.Features);
                    }
                }
            }
        }

        var predictions = decideData.Select((d, i) => (d.Example.Set, Confidence: sums[i] / ThresholdRepeats, d.Labeled.Right, Held: d.Hold is not null)).ToArray();

        if (Environment.GetEnvironmentVariable("PAKAZBOT_TRAIN_DUMP") is { Length: > 0 } dump && train.Count > 400)
        {
            File.WriteAllLines(dump + "." + (train.Any(e => e.Answerer.Index.Semantic is not null) ? "hybrid" : "lexical") + ".tsv",
                new[] { "id\tconf\tright\thold\t" + string.Join('\t', Evidence.Names) }.Concat(decideData.Select((d, i) =>
                $"{d.Example.Item.Id}\t{predictions[i].Confidence:0.000}\t{(d.Labeled.Right ? 1 : 0)}\t{d.Hold}\t{string.Join('\t', d.Labeled.Features.Select(f => f.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}")));
        }

        var threshold = Threshold(predictions, options.TargetPrecision);
        return new ModeModel(rank, decide, threshold, options.SuggestFrom);
    }

    /// <summary>
    /// The lowest confidence from which the asserted answers (not held) reach the target precision in every question
    /// file: a file may have at most the share of wrong answers the target leaves, and at least one (a file of 30
    /// answers at 97% may not have one wrong answer, but it must not decide the threshold for all on one question).
    /// </summary>
    internal static double Threshold(IReadOnlyList<(string Set, double Confidence, bool Right, bool Held)> predictions, double target)
    {
        var asserted = predictions.Where(p => !p.Held).OrderByDescending(p => p.Confidence).ToList();
        var counts = new Dictionary<string, (int Answers, int Wrong)>(StringComparer.Ordinal);
        var best = 0.99;
        for (var i = 0; i < asserted.Count; i++)
        {
            var (answers, wrong) = counts.GetValueOrDefault(asserted[i].Set);
            counts[asserted[i].Set] = (answers + 1, wrong + (asserted[i].Right ? 0 : 1));
            var tied = i + 1 < asserted.Count && asserted[i + 1].Confidence == asserted[i].Confidence;
            if (!tied && counts.Values.All(c => c.Wrong <= Math.Max(1, (int)Math.Floor((1 - target) * c.Answers))))
            {
                best = Math.Min(best, asserted[i].Confidence);
            }
        }

        return Math.Clamp(Math.Round(best, 3), 0.5, 0.99);
    }

    private static double[] FitRank(IReadOnlyList<TrainingExample> examples, TrainingOptions options) =>
        Fitting.Listwise(examples.Where(e => e.Gold.Any(g => g))
            .Select(e => new RankList(e.Deliberation!.Candidates.Select(c => c.Features).ToArray(), e.Gold)).ToList(),
            RankFeatures.Names.Length, options.RankL2);

    /// <summary>The evidence for answering with the ranker's first choice, and whether that answer would be right.</summary>
    private static (TrainingExample, Labeled, string?)? DecideExample(TrainingExample example, double[] rank)
    {
        var d = example.Deliberation!;
        var ranking = RankStage.Run(d.Question, d.Candidates, rank, new Trace(null));
        if (ranking.Paragraphs.Count == 0)
        {
            return null;
        }

        var evidence = Evidence.For(d.Question, ranking);
        var best = ranking.Paragraphs[0].Best;
        var answer = new Answer
        {
            Question = d.Question.Asked,
            Type = d.Question.Type,
            Text = best.Span.Span.Text,
            Short = best.Extraction.Short,
            Date = best.Extraction.Date,
            Confidence = 1,
            Citations = [new Citation(example.Answerer.Index.Knowledge.DocumentOf(best.Passage), best.Passage)],
        };
        var right = Evaluator.Score(example.Item, answer).Correct;
        return (example, new Labeled(evidence.Values, right), DecideStage.Hold(d.Question, ranking.Paragraphs[0], evidence));
    }

    private static int GoldRank(TrainingExample example, double[] rank)
    {
        var d = example.Deliberation!;
        var lines = new List<string>();
        var ranking = RankStage.Run(d.Question, d.Candidates, rank, new Trace(Environment.GetEnvironmentVariable("PAKAZBOT_TRAIN_DUMP") is { Length: > 0 } ? lines.Add : null));
        var gold = d.Candidates.Where((_, i) => example.Gold[i]).Select(c => c.Passage).ToHashSet();
        var at = ranking.Paragraphs.ToList().FindIndex(p => gold.Contains(p.Passage));
        if (lines.Count > 0 && at != 0)
        {
            var g = at > 0 ? ranking.Paragraphs[at] : null;
            File.AppendAllLines(Environment.GetEnvironmentVariable("PAKAZBOT_TRAIN_DUMP") + ".misses." + (d.Semantic ? "hybrid" : "lexical") + ".txt",
                new[] { $"=== {example.Item.Id} rank={at + 1} {example.Item.Question} | {string.Join(',', example.Item.Tags)}", $"  gold: {example.Item.Passage}" }
                .Concat(lines)
                .Concat(g is null ? ["  gold not kept"] : [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  GOLD {g.Passage.Id} p={g.Probability:0.000} score={g.Score:0.00} \"{SelectSentenceStage.Clip(g.Best.Span.Span.Text)}\""), "    " + RankStage.Describe(g.Best.Features)]));
        }

        return at + 1;
    }

    private static Answer Conclude(TrainingExample example, ModeModel model) =>
        example.Fixed ?? example.Answerer.Conclude(example.Deliberation!, model, new Trace(null));

    /// <summary>Which candidates hold the expected passage: the spans that contain it, or (when it runs across sentences) every span of its paragraph.</summary>
    private static bool[] Gold(EvalItem item, Deliberation deliberation)
    {
        var candidates = deliberation.Candidates;
        if (item.Abstain || item.Passage is null)
        {
            return new bool[candidates.Count];
        }

        var inParagraph = candidates.Select(c => c.Passage.Text.Contains(item.Passage, StringComparison.OrdinalIgnoreCase)).ToArray();
        var inSpan = candidates.Select((c, i) => inParagraph[i] && c.Span.Span.Text.Contains(item.Passage, StringComparison.OrdinalIgnoreCase)).ToArray();
        return candidates.Select((c, i) => inSpan[i] || (inParagraph[i] && !candidates.Where((d, j) => inSpan[j] && d.Passage == c.Passage).Any())).ToArray();
    }

    /// <summary>A fold per example: each set shuffled with a fixed seed and dealt out in turn, so every fold has its share of each set.</summary>
    private static int[] Folds(IReadOnlyList<TrainingExample> examples, int k, int seed)
    {
        var random = new Random(seed);
        var folds = new int[examples.Count];
        foreach (var set in examples.Select((e, i) => (e, i)).GroupBy(x => x.e.Set))
        {
            var shuffled = set.Select(x => x.i).OrderBy(_ => random.Next()).ToList();
            for (var j = 0; j < shuffled.Count; j++)
            {
                folds[shuffled[j]] = j % k;
            }
        }

        return folds;
    }
}

/// <summary>A question read once for training: its deliberation (or the answer of a branch that does not rank), and which candidates are right.</summary>
public sealed record TrainingExample
{
    internal TrainingExample(EvalItem item, string set, Answerer answerer, Deliberation? deliberation, Answer? @fixed, bool[] gold)
    {
        Item = item;
        Set = set;
        Answerer = answerer;
        Deliberation = deliberation;
        Fixed = @fixed;
        Gold = gold;
    }

    public EvalItem Item { get; }

    public string Set { get; }

    internal Answerer Answerer { get; }

    internal Deliberation? Deliberation { get; }

    internal Answer? Fixed { get; }

    internal bool[] Gold { get; }

    /// <summary>True when retrieval kept the expected paragraph among the candidates (false for must-decline questions).</summary>
    public bool Reachable => Gold.Any(g => g);
}
