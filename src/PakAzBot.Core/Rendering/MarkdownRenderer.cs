using System.Globalization;
using System.Text;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Core.Rendering;

/// <summary>The template responder: renders answers and timelines as Markdown text, the same for every plain-text surface.</summary>
public static class MarkdownRenderer
{
    /// <summary>What every surface says above the closest passages when it is not sure (in English; see <see cref="ReplyText"/>).</summary>
    public static readonly string NotSure = ReplyText.For(Language.English).NotSure;

    /// <summary>The choice, beside the passages, that says none of them answers the question.</summary>
    public static readonly string NoneOfThese = ReplyText.For(Language.English).NoneOfThese;

    /// <summary>The command line's own way to the timeline and the sources, in <paramref name="language"/>.</summary>
    public static string CommandLineHintIn(Language language) =>
        ReplyText.For(language).TryCommands("`pakazbot timeline`", "`pakazbot sources`");

    /// <summary>
    /// The answer as Markdown, its fixed words in the question's language (<see cref="Answer.Language"/>) and the
    /// quote and citation verbatim. When it cannot answer, <paramref name="hint"/> is the surface's own way to the
    /// timeline and the sources (its commands, not another surface's), or nothing when null.
    /// </summary>
    public static string Render(Answer answer, string? hint = null)
    {
        var t = ReplyText.For(answer.Language);
        var text = new StringBuilder();
        if (answer.Outcome == AnswerOutcome.Suggested)
        {
            text.AppendLine(t.NotSure).AppendLine();
            for (var i = 0; i < answer.Suggestions.Count; i++)
            {
                var suggestion = answer.Suggestions[i];
                var number = $"{i + 1}. ";
                var indent = new string(' ', number.Length);
                text.AppendLine(number + string.Join("\n" + indent, $"“{suggestion.Sentence}”".Split('\n')));
                text.AppendLine(indent + CitationLine(suggestion.Citation));
            }

            return text.ToString();
        }

        if (!answer.Answered)
        {
            text.Append(answer.UnknownWords.Count == 0 && answer.Reason == AbstentionReason.NoQuestion
                ? t.NoQuestion
                : t.CannotAnswerBecause(answer.UnknownWords));
            text.AppendLine();
            if (answer.Topics.Count > 0)
            {
                text.AppendLine(t.Topics(answer.Topics));
            }

            if (hint is not null)
            {
                text.AppendLine(hint);
            }

            return text.ToString();
        }

        if (t.Short(answer) is { } shortAnswer)
        {
            text.AppendLine($"**{shortAnswer}**").AppendLine();
        }

        var citation = answer.Citations[0];
        text.AppendLine(Quote(answer.Text!)).AppendLine();
        text.AppendLine(CitationLine(citation));
        var facts = new List<string>();
        if (answer.Date is not null)
        {
            facts.Add($"{t.EventDate}: {t.Date(answer.Date.Date)}");
        }

        facts.Add(answer.Picked ? t.Picked : t.ConfidenceOf(answer.Confidence, colon: true));
        text.AppendLine(string.Join(" · ", facts));
        if (answer.Citations.Count > 1)
        {
            text.AppendLine().AppendLine($"{t.AlsoSays}:");
            foreach (var also in answer.Citations.Skip(1))
            {
                text.AppendLine($"- {CitationLine(also)[2..]}");
            }
        }

        if (answer.Conflicts.Count > 0)
        {
            text.AppendLine().AppendLine($"**{t.SourcesDiffer}**");
            foreach (var conflict in answer.Conflicts)
            {
                var said = t.Short(conflict.Short, conflict.Date);
                text.AppendLine($"- {(said is null ? "" : $"**{said}** — ")}“{conflict.Sentence}” {CitationLine(conflict.Citation)}");
            }
        }

        if (answer.Related.Count > 0)
        {
            text.AppendLine().AppendLine($"{t.Related}:");
            foreach (var related in answer.Related)
            {
                text.AppendLine($"- “{related.Quote}” {CitationLine(related)}");
            }
        }

        return text.ToString();
    }

    public static string Render(IReadOnlyList<TimelineEntry> entries)
    {
        if (entries.Count == 0)
        {
            return "No dated statements match.\n";
        }

        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.AppendLine($"**{entry.Date.Date.Label}**{(entry.Differs ? $" ({ReplyText.For(Language.English).SourcesDifferMark})" : "")} — “{entry.Quote}” {CitationLine(entry.Citation)}");
        }

        return text.ToString();
    }

    /// <summary>"— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7"; a quote names its author first.</summary>
    public static string CitationLine(Citation citation)
    {
        var (document, passage) = (citation.Document, citation.Passage);
        var source = $"{document.Publisher}, {Day(document.Published)}";
        if (passage.Kind == PassageKind.Quote && passage.Attribution is not null)
        {
            var said = passage.Sentences[0].Dates.FirstOrDefault()?.Date.Label;
            source = $"{passage.Attribution}{(said is null ? "" : ", " + said)}, quoted by {source}";
        }

        var place = passage.Section is null ? $"¶{passage.Number}" : $"{passage.Section} ¶{passage.Number}";
        return $"— {source} · {place}";
    }

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Quote(string text) => string.Join('\n', text.Split('\n').Select(l => "> " + l));
}
