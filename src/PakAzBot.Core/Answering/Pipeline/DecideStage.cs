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
    double MissingKey)
{
    public static readonly string[] Names =
        ["sentence_coverage", "passage_coverage", "lacks_type", "sentence_cosine", "passage_cosine", "bm25", "margin", "unknown_share", "yes_no", "missing_key"];

    public double[] Values => [SentenceCoverage, PassageCoverage, LacksType, SentenceCosine, PassageCosine, Bm25, Margin, UnknownShare, YesNo, MissingKey];

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

    // Intercept first, then one weight per feature in Evidence.Names order.
    private static readonly double[] Lexical = [-3.94, 1.95, 1.35, -1.38, 0, 0, 2.82, -0.23, -0.56, -0.08, -0.34];
    private static readonly double[] Hybrid = [-5.96, 1.67, 1.02, -1.28, 3.87, 0.41, 1.84, 0.38, -0.30, -0.18, -0.40];

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
        var demands = question.Type is not (QuestionType.What or QuestionType.YesNo or QuestionType.Other);
        var unknown = question.TotalWeight <= 0 ? 0 : question.Weights.Where(w => !w.Key.Known).Sum(w => w.Value) / question.TotalWeight;
        var evidence = new Evidence(
            Unit(best.Span.Coverage),
            Unit(best.Span.Passage.Coverage),
            demands && !best.Extraction.FitsType ? 1 : 0,
            Unit(best.Span.Cosine),
            Unit(best.Span.Passage.Cosine),
            Unit(best.Span.Passage.Bm25),
            Unit(rival is null ? 1 : best.Score - rival.Score),
            Unit(unknown),
            question.Type == QuestionType.YesNo ? 1 : 0,
            Unit(MissingKey(question, best, index)));
        var confidence = Math.Round(Logistic(semantic ? Hybrid : Lexical, evidence.Values), 3);
        trace.Write("decide", () => $"{evidence} → confidence {confidence.ToString("0.000", CultureInfo.InvariantCulture)} ({(confidence >= AnswerFrom ? "answer" : "decline")})");
        return (best, confidence, evidence);
    }

    /// <summary>
    /// The weightiest word of the question that the quote and its paragraph both lack, against the weightiest word
    /// of all: a question whose key word ("embassy", "Karachi") the passage never says is about something else, however
    /// much else matches.
    /// </summary>
    private static double MissingKey(Question question, AnswerCandidate best, IPassageIndex index)
    {
        var top = question.Weights.Values.DefaultIfEmpty(0).Max();
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
        var z = weights[0];
        for (var i = 0; i < features.Length; i++)
        {
            z += weights[i + 1] * features[i];
        }

        var p = 1 / (1 + Math.Exp(-z));
        return double.IsFinite(p) ? Math.Clamp(p, 0, 1) : 0;
    }

    // NaN (0/0 somewhere upstream) counts as no evidence at all.
    private static double Unit(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
}
