using PakAzBot.Core.Timeline;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// The branch for questions that give a date and nothing else ("what happened in 1995", "1992", "anything on
/// 30 April 1993?"): answered from the timeline. Statements dated inside the range are candidates, those as precise
/// as the question first; the first is quoted and cited, the others follow as related passages. Declines when
/// nothing is dated in the range. Confidence falls as more statements share the range, since the question does not
/// say which one is meant.
/// </summary>
internal static partial class DateLedStage
{
    /// <summary>
    /// What the statement tells of its day: its sentence, with the one before when it opens with a reference ("Their
    /// memorandum, signed in April 2019, …") and the one after when that gives no date of its own and so goes on about
    /// the same event ("… held in Baku on 29 November 2017. [They] signed the Baku Declaration …").
    /// </summary>
    public static string Told(Timeline.TimelineEntry entry)
    {
        var sentences = entry.Citation.Passage.Sentences;
        var at = sentences.ToList().FindIndex(s => s.Text == entry.Quote);
        if (at < 0)
        {
            return entry.Quote;
        }

        var first = at > 0 && OpensWithReference().IsMatch(sentences[at].Text) ? at - 1 : at;
        var last = at + 1 < sentences.Count && sentences[at + 1].Dates.Count == 0 ? at + 1 : at;
        var text = entry.Citation.Passage.Text;
        return text[sentences[first].Start..(sentences[last].Start + sentences[last].Text.Length)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:It|This|That|These|Those|They|He|She|Its|Their|Such)\b")]
    private static partial System.Text.RegularExpressions.Regex OpensWithReference();

    private const int MaxRelated = 5;

    public static Answer Run(Question question, IPassageIndex index, Trace trace, Func<Question, AbstentionReason, double, Answer> decline)
    {
        var asked = question.Given[0];
        var range = asked.Date;
        var inRange = (range is null ? TimelineBuilder.Build(index) : TimelineBuilder.Build(index, new TimelineFilter(range, range)))
            .Where(e => range is null ? asked.Matches(e.Date.Date) : range.Contains(e.Date.Date))
            .ToList();
        var precision = range?.Precision ?? (asked.Day is null ? Dates.DatePrecision.Month : Dates.DatePrecision.Day);
        trace.Write("date-led", $"{NormalizeStage.Describe(asked)}: {inRange.Count} dated statement(s) inside it");
        if (inRange.Count == 0)
        {
            return decline(question, AbstentionReason.LowConfidence, 0);
        }

        // As precise as the question first ("on 30 April 1993" wants that day, not "April 1993"), then source order.
        var ordered = inRange
            .OrderBy(e => Math.Abs(e.Date.Date.Precision - precision))
            .ToList();
        var top = ordered[0];
        var passages = ordered.Select(e => e.Citation.Passage).Distinct().ToList();
        var confidence = Math.Round(0.5 + (0.45 / passages.Count), 3);
        foreach (var e in ordered.Take(6))
        {
            trace.Write("date-led", () => $"  {e.Date.Date.Iso} {e.Citation.Passage.Id} \"{SelectSentenceStage.Clip(e.Quote)}\"");
        }

        trace.Write("decide", $"{passages.Count} paragraph(s) in range → confidence {confidence:0.000}");
        return new Answer
        {
            Question = question.Asked,
            Type = question.Type,
            Text = Told(top),
            Short = top.Date.Date.Label,
            Date = top.Date,
            Confidence = confidence,
            Citations = [top.Citation],
            Related = ordered.Skip(1).Select(e => e.Citation).DistinctBy(c => c.Passage).Where(c => c.Passage != top.Citation.Passage).Take(MaxRelated).ToList(),
        };
    }
}
