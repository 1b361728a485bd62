namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A span with its short answer, its named features and its score: a candidate for the answer.</summary>
/// <param name="Features">The span's values of <see cref="RankFeatures.Names"/>.</param>
/// <param name="Score">The rank stage's score (0 until it has run).</param>
internal sealed record AnswerCandidate(SpanCandidate Span, Extraction Extraction, double[] Features, double Score)
{
    public Knowledge.Passage Passage => Span.Passage.Passage;
}

/// <summary>
/// Stage 4: takes the short answer out of each span (a date for when, a name for who/which, a place for where, a
/// figure for how many, a reason for why) and says whether it holds what was asked, and whether the span has the
/// question's names the wrong way round (<see cref="RoleOrder"/>). Two sentences are offered as one span only when
/// the first alone lacks what was asked and the pair has it, or the pair holds clearly more of the question.
/// </summary>
internal static class ExtractStage
{
    /// <summary>How much more of the question a pair must hold than either of its sentences to be quoted whole.</summary>
    private const double PairGain = 0.15;

    /// <summary>
    /// True when the two sentences together hold clearly more of the question than either alone: "resolution 62/243"
    /// in one and "was one of the text's co-sponsors" in the next answer "did Pakistan co-sponsor resolution 62/243?".
    /// </summary>
    private static bool Together(SpanCandidate pair, IReadOnlyList<SpanCandidate> spans)
    {
        var end = pair.Span.Start + pair.Span.Text.Length;
        var singles = spans.Where(x => !x.Span.IsPair && x.Span.Passage == pair.Span.Passage && x.Span.Start >= pair.Span.Start
            && x.Span.Start + x.Span.Text.Length <= end).ToList();
        return singles.Count > 0 && pair.Coverage >= singles.Max(x => x.Coverage) + PairGain;
    }

    public static IReadOnlyList<AnswerCandidate> Run(Question question, IReadOnlyList<SpanCandidate> spans, IPassageIndex index, Trace trace)
    {
        var givenDates = question.Given.Select(g => g.Date).OfType<Dates.PartialDate>().ToList();
        var cache = new Dictionary<(Knowledge.Passage, int, bool), Extraction>();
        Extraction Extract(AnswerSpan span)
        {
            var key = (span.Passage, span.Start, span.IsPair);
            if (!cache.TryGetValue(key, out var extraction))
            {
                cache[key] = extraction = AnswerExtractor.Extract(question.Type, question.Text, question.Query, span, index, givenDates,
                    question.Focus?.Head, question.Focus?.Modifiers ?? []);
            }

            return extraction;
        }

        var roles = new RoleOrder(question, index);
        var answers = new List<AnswerCandidate>();
        foreach (var s in spans)
        {
            var extraction = Extract(s.Span);
            if (s.Span.IsPair)
            {
                var single = AnswerSpan.Of(s.Span.Passage).First(x => !x.IsPair && x.Start == s.Span.Start);
                var needed = extraction.FitsType && !Extract(single).FitsType;
                if (!needed && !Together(s, spans))
                {
                    continue;
                }
            }

            // Who-does-what is read only for the spans kept: it is the dearest check.
            var role = roles.Active ? roles.Violation(s.Span.Text, s.Tokens) : null;
            answers.Add(new AnswerCandidate(s with { Role = role }, extraction, [], 0));
        }

        trace.Write("extract", $"{answers.Count} spans, {answers.Count(a => a.Extraction.FitsType)} holding what a {question.Type} question asks for, {answers.Count(a => a.Span.Role is not null)} with the question's names the other way round");
        foreach (var a in answers.Where(a => a.Span.Role is not null).Take(5))
        {
            trace.Write("extract", () => $"  {a.Passage.Id} \"{SelectSentenceStage.Clip(a.Span.Span.Text)}\": {a.Span.Role}");
        }
        return answers;
    }
}
