namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A quotable span of a candidate paragraph and how well it matches the question.</summary>
/// <param name="Coverage">The weighted share of the question's words in the span.</param>
/// <param name="Cosine">The best cosine between the question's vector and a sentence of the span (0 without semantic search).</param>
/// <param name="Score">How the span ranks among all spans (<see cref="SpanRanker"/>), before its short answer is known.</param>
internal sealed record SpanCandidate(PassageCandidate Passage, AnswerSpan Span, double Coverage, double Cosine, double Score);

/// <summary>
/// Stage 3: picks the sentences to quote. Every sentence of the eligible candidates (with the sentence before it
/// when it opens with a pronoun, and every pair of neighbours) is scored by the question's words it holds, its
/// vector's closeness to the question's, and its paragraph's retrieval scores; spans that put the question's names
/// the wrong way round (<see cref="RoleOrder"/>) are dropped.
/// </summary>
internal static class SelectSentenceStage
{
    private const int Kept = 12;

    public static IReadOnlyList<SpanCandidate> Run(Question question, Retrieval retrieval, IPassageIndex index, Trace trace)
    {
        var semantic = retrieval.QueryVector is null ? null : index.Semantic;
        var spans = new List<SpanCandidate>();
        var dropped = 0;
        foreach (var candidate in retrieval.Candidates.Where(c => c.Eligible))
        {
            foreach (var span in AnswerSpan.Of(candidate.Passage))
            {
                var coverage = question.Coverage(index.TermsOf(span.Text));
                var cosine = semantic is null ? 0 : SentencesOf(span).Max(i => (double)semantic.SentenceSimilarity(retrieval.QueryVector, candidate.Passage, i));
                var scored = new SpanCandidate(candidate, span, coverage, cosine, 0);
                spans.Add(scored with { Score = SpanRanker.Score(SpanRanker.Features(scored, fitsType: false), semantic is not null) });
            }
        }

        // Who-does-what is read only for the spans that could be kept: it tokenizes the span, the dearest check here.
        var roles = new RoleOrder(question, index);
        var kept = new List<SpanCandidate>();
        foreach (var s in spans.OrderByDescending(s => s.Score))
        {
            if (kept.Count >= Kept && !trace.Detailed)
            {
                break;
            }

            if (roles?.Violation(s.Span.Text) is { } violation)
            {
                dropped++;
                trace.Write("select", () => $"  drop {s.Passage.Passage.Id} \"{Clip(s.Span.Text)}\": {violation}");
                continue;
            }

            kept.Add(s);
        }

        trace.Write("select", $"{spans.Count} spans scored, {dropped} dropped for who-does-what; best:");
        foreach (var s in kept.Take(5))
        {
            trace.Write("select", () => $"  {s.Passage.Passage.Id} score={s.Score:0.000} coverage={s.Coverage:0.00} cos={s.Cosine:0.000}{(s.Span.IsPair ? " pair" : "")} \"{Clip(s.Span.Text)}\"");
        }

        return kept;
    }

    /// <summary>The 0-based indexes of the passage's sentences that the span covers.</summary>
    public static IEnumerable<int> SentencesOf(AnswerSpan span)
    {
        var end = span.Start + span.Text.Length;
        return span.Passage.Sentences.Where(s => s.Start >= span.Start && s.Start < end).Select(s => s.Index).DefaultIfEmpty(0);
    }

    public static string Clip(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
