using System.Globalization;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>The named features the decision rests on, for <c>--explain</c> and for <c>eval --features</c>.</summary>
internal sealed record Evidence(
    double SentenceCoverage,
    double PassageCoverage,
    double LacksType,
    double SentenceCosine,
    double PassageCosine,
    double Bm25,
    double Margin,
    double UnknownShare,
    double YesNo,
    double MissingKey,
    double MissingName)
{
    public static readonly string[] Names =
        ["sentence_coverage", "passage_coverage", "lacks_type", "sentence_cosine", "passage_cosine", "bm25", "margin", "unknown_share", "yes_no", "missing_key", "missing_name"];

    public double[] Values => [SentenceCoverage, PassageCoverage, LacksType, SentenceCosine, PassageCosine, Bm25, Margin, UnknownShare, YesNo, MissingKey, MissingName];

    public override string ToString() =>
        string.Join(' ', Names.Zip(Values, (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n}={v:0.000}")));
}

/// <summary>
/// Stage 5: answers with the best candidate, or declines. Confidence is a logistic function of named features
/// (<see cref="Evidence"/>), with one set of weights for BM25 alone and one for BM25 with sentence vectors; the
/// weights were fitted by logistic regression on the development sets (tests/PakAzBot.Tests/Data) and are checked
/// against held-out files, so confidence reads as the chance the answer is right. It is finite and in [0, 1] for
/// every input: every feature is clamped to its range before use.
/// </summary>
internal static class DecideStage
{
    public const double AnswerFrom = 0.5;

    private const double LacksWhatWasAsked = 0.45;

    // Intercept first, then one weight per feature in Evidence.Names order. Fitted with tests/calibration/fit.py on
    // standardized features (L2 0.1 for hybrid; 0.3 for BM25 alone, whose evidence is thinner and which was otherwise
    // over-confident); a missing name's weight is held at 0 here, since the rule above already acts on it.
    private static readonly double[] Lexical = [-2.14, 1.33, 1.03, -0.69, 0, 0, 1.35, 0.23, -0.54, -0.11, -1.28, 0];
    private static readonly double[] Hybrid = [-5.70, 1.66, 0.97, -1.08, 3.91, 0.34, 1.33, 0.80, -0.36, -0.32, -0.81, 0];

    public static (AnswerCandidate? Best, double Confidence, Evidence? Evidence) Run(Question question, IReadOnlyList<AnswerCandidate> answers,
        bool semantic, IPassageIndex index, Trace trace)
    {
        if (answers.Count == 0)
        {
            trace.Write("decide", "no candidate left: decline");
            return (null, 0, null);
        }

        var best = answers[0];
        var rival = answers.FirstOrDefault(a => a.Span.Passage.Passage != best.Span.Passage.Passage);
        var unknown = question.TotalWeight <= 0 ? 0 : question.Weights.Where(w => !w.Key.Known).Sum(w => w.Value) / question.TotalWeight;
        var evidence = new Evidence(
            Unit(best.Span.Coverage),
            Unit(best.Span.Passage.Coverage),
            question.AsksForAThing && !best.Extraction.FitsType ? 1 : 0,
            Unit(best.Span.Cosine),
            Unit(best.Span.Passage.Cosine),
            Unit(best.Span.Passage.Bm25),
            Unit(rival is null ? 1 : best.Score - rival.Score),
            Unit(unknown),
            question.Type == QuestionType.YesNo ? 1 : 0,
            Unit(MissingKey(question, best, index)),
            best.Span.Passage.MissingName is null ? 0 : 1);
        var confidence = Logistic(semantic ? Hybrid : Lexical, evidence.Values);
        if (evidence.LacksType > 0 && question.NothingElseWillDo)
        {
            // However well the rest matches.
            confidence *= LacksWhatWasAsked;
        }

        if (evidence.MissingName > 0)
        {
            // The question names something (known to the sources) that this passage, its section and its document never
            // mention: it is about something else ("When did Turkey recognize Armenia?" against a passage on Armenia alone).
            confidence *= LacksWhatWasAsked;
        }

        confidence = Math.Round(confidence, 3);
        trace.Write("decide", () => $"{evidence} → confidence {confidence.ToString("0.000", CultureInfo.InvariantCulture)} ({(confidence >= AnswerFrom ? "answer" : "decline")})");
        return (best, confidence, evidence);
    }

    /// <summary>
    /// The weightiest word of the question that the quote and its paragraph both lack, as a share of the question's
    /// weight: a question whose key word ("embassy", "Karachi") the passage never says is about something else, however
    /// much else matches.
    /// </summary>
    private static double MissingKey(Question question, AnswerCandidate best, IPassageIndex index)
    {
        var top = question.TotalWeight;
        if (top <= 0)
        {
            return 0;
        }

        var span = index.TermsOf(best.Span.Span.Text);
        var passage = index.PassageTerms(best.Span.Passage.Passage);
        return question.Weights.Where(w => !Question.Matches(w.Key, span) && !Question.Matches(w.Key, passage))
            .Select(w => w.Value).DefaultIfEmpty(0).Max() / top;
    }

    private static double Logistic(double[] weights, double[] features)
    {
        var p = 1 / (1 + Math.Exp(-Linear.Score(weights, features)));
        return double.IsFinite(p) ? Math.Clamp(p, 0, 1) : 0;
    }

    // NaN (0/0 somewhere upstream) counts as no evidence at all.
    private static double Unit(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
}
