using System.Globalization;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A candidate paragraph, ranked: its best span, that span's score, and the share of belief it gets.</summary>
/// <param name="Probability">Softmax of the paragraphs' scores: how likely this one, rather than another
/// candidate, is the paragraph that answers (given that one of them does).</param>
internal sealed record RankedParagraph(AnswerCandidate Best, double Score, double Probability)
{
    public Knowledge.Passage Passage => Best.Passage;
}

/// <summary>The spans and the paragraphs in the order the rank stage put them, best first.</summary>
internal sealed record Ranking(IReadOnlyList<AnswerCandidate> Spans, IReadOnlyList<RankedParagraph> Paragraphs);

/// <summary>
/// Stage 5: a learned ranker over the spans of every candidate paragraph. A span's score is a weighted sum of its
/// named features (<see cref="RankFeatures"/>), with weights fitted listwise (softmax over each question's spans, the
/// spans that hold the expected passage as targets) on the training questions by <c>pakazbot train</c>; one set of
/// weights for BM25 alone and one with semantic vectors (<see cref="AnswerModel"/>). A paragraph scores as its best span.
/// </summary>
internal static class RankStage
{
    /// <param name="candidates">Spans with their features (<see cref="RankFeatures.Fill"/>).</param>
    public static Ranking Run(Question question, IReadOnlyList<AnswerCandidate> candidates, double[] weights, Trace trace)
    {
        var spans = candidates
            .Select(a => a with { Score = Linear.Score(weights, a.Features) })
            .OrderByDescending(a => a.Score)
            .ToList();
        var paragraphs = Paragraphs(spans);
        foreach (var p in paragraphs.Take(3))
        {
            trace.Write("rank", () => string.Create(CultureInfo.InvariantCulture,
                $"  {p.Passage.Id} p={p.Probability:0.000} score={p.Score:0.00} fits={p.Best.Extraction.FitsType} short={p.Best.Extraction.Short ?? "null"} \"{SelectSentenceStage.Clip(p.Best.Span.Span.Text)}\""));
            trace.Write("rank", () => "    " + Describe(p.Best.Features));
        }

        return new Ranking(spans, paragraphs);
    }

    /// <summary>Paragraphs best first, each with its best span; probabilities are the softmax of their scores.</summary>
    public static IReadOnlyList<RankedParagraph> Paragraphs(IReadOnlyList<AnswerCandidate> rankedSpans)
    {
        var best = new List<AnswerCandidate>();
        var seen = new HashSet<Knowledge.Passage>(ReferenceEqualityComparer.Instance);
        foreach (var span in rankedSpans)
        {
            if (seen.Add(span.Passage))
            {
                best.Add(span);
            }
        }

        if (best.Count == 0)
        {
            return [];
        }

        var top = best[0].Score;
        var exp = best.Select(b => Math.Exp(Math.Clamp(b.Score - top, -50, 0))).ToList();
        var total = exp.Sum();
        return best.Select((b, i) => new RankedParagraph(b, b.Score, exp[i] / total)).ToList();
    }

    public static string Describe(double[] features) =>
        string.Join(' ', RankFeatures.Names.Zip(features, (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n}={v:0.###}")));
}
