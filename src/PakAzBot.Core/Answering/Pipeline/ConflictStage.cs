using System.Globalization;
using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>One document's own answer to the question: its best paragraph and the confidence it has on its own.</summary>
internal sealed record DocumentAnswer(RankedParagraph Paragraph, double Confidence);

/// <summary>What the other documents say to the answer: those that say the same, and those that say otherwise.</summary>
/// <param name="Primary">The answer to quote first: the best-ranked, or an agreeing one that is more precise.</param>
internal sealed record Concord(DocumentAnswer Primary, IReadOnlyList<DocumentAnswer> Agreeing, IReadOnlyList<DocumentAnswer> Differing);

/// <summary>
/// Stage 7, when more than one document is close: each document is asked alone (its own paragraphs ranked and decided
/// with the same model), and the documents that would answer on their own are compared by their short answers.
/// Dates agree when one contains the other at its precision ("June 1992" and "9 June 1992": the finer is shown, both
/// are cited); figures and names agree when they say the same. Answers that differ are shown side by side ("Sources
/// differ"). A document answers alone only if its best span holds what was asked (a date, figure or name), covers as
/// much of the question as the first one, clears the answer threshold, and is held by nothing.
/// </summary>
internal static class ConflictStage
{
    /// <summary>Documents compared at most: the first few the ranking names.</summary>
    private const int MaxDocuments = 4;

    /// <summary>How much of the question's weight the other document's span must cover, as a share of the first's.</summary>
    private const double SameEvent = 0.85;

    public static Concord? Run(Question question, Ranking ranking, ModeModel model, Knowledge.KnowledgeBase knowledge, Trace trace)
    {
        if (!question.AsksForAThing || question.Type is QuestionType.Why || ranking.Paragraphs.Count < 2)
        {
            return null;
        }

        var documents = ranking.Paragraphs.Select(p => p.Passage.DocumentId).Distinct(StringComparer.Ordinal).Take(MaxDocuments).ToList();
        if (documents.Count < 2)
        {
            return null;
        }

        var first = ranking.Paragraphs[0].Best;
        var answers = new List<DocumentAnswer>();
        foreach (var document in documents)
        {
            var spans = ranking.Spans.Where(s => s.Passage.DocumentId == document).ToList();
            var alone = new Ranking(spans, RankStage.Paragraphs(spans));
            var best = alone.Paragraphs[0];
            var evidence = Evidence.For(question, alone);
            var confidence = Math.Round(DecideStage.Logistic(model.Decide, evidence.Values), 3);
            var hold = DecideStage.Hold(question, best, evidence with { CloseDocuments = 0 });
            var fits = best.Best.Extraction is { FitsType: true, Short: not null } && best.Best.Span.Coverage >= SameEvent * first.Span.Coverage;
            trace.Write("conflict", () => string.Create(CultureInfo.InvariantCulture,
                $"{document}: {best.Passage.Id} alone confidence {confidence:0.000} short={best.Best.Extraction.Short ?? "null"}{(hold is null ? "" : $" held: {hold}")}{(fits ? "" : " (no answer of the kind asked, or another event)")}"));
            if (confidence >= model.AnswerFrom && hold is null && fits)
            {
                answers.Add(new DocumentAnswer(best, confidence));
            }
        }

        if (answers.Count < 2 || answers[0].Paragraph.Passage.DocumentId != documents[0])
        {
            return null;
        }

        // Answers that say the same form one reading of the event, shown by its most precise member; readings are
        // ordered newest source first, since a later source may report what an earlier one could not yet know.
        var clusters = new List<List<DocumentAnswer>>();
        foreach (var answer in answers)
        {
            var same = clusters.FirstOrDefault(c => c.Any(a => Agree(a.Paragraph.Best.Extraction, answer.Paragraph.Best.Extraction)));
            if (same is null)
            {
                clusters.Add([answer]);
            }
            else
            {
                same.Add(answer);
            }
        }

        var ordered = clusters
            .Select(c => c.OrderBy(a => a.Paragraph.Best.Extraction.Date?.Date.Precision ?? DatePrecision.Decade).ToList())
            .OrderByDescending(c => c.Max(a => knowledge.DocumentOf(a.Paragraph.Passage).Published))
            .ToList();
        var primary = ordered[0][0];
        var agreeing = ordered[0].Skip(1).ToList();
        var differing = ordered.Skip(1).Select(c => c[0]).ToList();
        trace.Write("conflict", $"quote {primary.Paragraph.Passage.Id}; agree: [{string.Join(", ", agreeing.Select(a => a.Paragraph.Passage.Id))}] differ: [{string.Join(", ", differing.Select(a => a.Paragraph.Passage.Id))}]");
        return new Concord(primary, agreeing, differing);
    }

    /// <summary>Two short answers say the same: dates one of which contains the other, or the same words and figures.</summary>
    public static bool Agree(Extraction a, Extraction b)
    {
        if (a.Date is { } x && b.Date is { } y && a.Short == x.Date.Label && b.Short == y.Date.Label)
        {
            return x.Date.Contains(y.Date) || y.Date.Contains(x.Date);
        }

        return string.Equals(Words(a.Short), Words(b.Short), StringComparison.OrdinalIgnoreCase);
    }

    private static string Words(string? text) => string.Join(' ', (text ?? "").Split([' ', ',', '.', ';', ':'], StringSplitOptions.RemoveEmptyEntries)
        .Where(w => !w.Equals("the", StringComparison.OrdinalIgnoreCase) && !w.Equals("about", StringComparison.OrdinalIgnoreCase)));
}
