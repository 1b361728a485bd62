namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A span with its short answer: the final candidate for the answer.</summary>
/// <param name="Score">The span's score, raised when it holds what the question type asks for.</param>
internal sealed record AnswerCandidate(SpanCandidate Span, Extraction Extraction, double Score);

/// <summary>
/// Stage 4: takes the short answer out of each selected span (a date for when, a name for who/which, a place for
/// where, a figure for how many, a reason for why) and ranks the spans again: one that holds what was asked beats
/// one that does not. Two sentences are quoted only when the first alone lacks what was asked and the pair has it.
/// </summary>
internal static class ExtractStage
{
    private const double FitBonus = 1.5;

    public static IReadOnlyList<AnswerCandidate> Run(Question question, IReadOnlyList<SpanCandidate> spans, IPassageIndex index, bool semantic, Trace trace)
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

        var answers = new List<AnswerCandidate>();
        foreach (var s in spans)
        {
            var extraction = Extract(s.Span);
            if (s.Span.IsPair)
            {
                var single = AnswerSpan.Of(s.Span.Passage).First(x => !x.IsPair && x.Start == s.Span.Start);
                if (!extraction.FitsType || Extract(single).FitsType)
                {
                    continue;
                }
            }

            var features = SpanRanker.Features(s, extraction.FitsType);
            if (trace.Detailed)
            {
                trace.Write("span", $"{s.Passage.Passage.Id}\t{s.Span.Start}\t{SpanRanker.Describe(features)}");
            }

            // Within what retrieval found, a span that holds what the question asks for (its date, name, place, figure,
            // reason) is the answer; the ranker's weights, fitted on which paragraph answers, cannot say that.
            var bonus = extraction.FitsType && question.AsksForAThing ? FitBonus : 0;
            answers.Add(new AnswerCandidate(s, extraction, SpanRanker.Score(features, semantic) + bonus));
        }

        var ranked = answers.OrderByDescending(a => a.Score).ToList();
        foreach (var a in ranked.Take(3))
        {
            trace.Write("extract", () => $"  {a.Span.Passage.Passage.Id} score={a.Score:0.000} fits={a.Extraction.FitsType} short={a.Extraction.Short ?? "null"} date={a.Extraction.Date?.Date.Iso ?? "null"}");
        }

        return ranked;
    }
}
