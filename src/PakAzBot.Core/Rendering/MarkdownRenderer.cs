using System.Globalization;
using System.Text;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Core.Rendering;

/// <summary>The template responder: renders answers and timelines as Markdown text, the same for every plain-text surface.</summary>
public static class MarkdownRenderer
{
    /// <summary>What the command line suggests when it cannot answer: its own commands.</summary>
    public const string CommandLineHint = "Try `pakazbot timeline` for dated events, or `pakazbot sources` for what I have read.";

    /// <summary>What every surface says above the closest passages when it is not sure.</summary>
    public const string NotSure = "I'm not sure — the closest passages in my sources:";

    /// <summary>The choice, beside the passages, that says none of them answers the question.</summary>
    public const string NoneOfThese = "None of these";

    /// <summary>
    /// The answer as Markdown. When it cannot answer, <paramref name="hint"/> is the surface's own way to the timeline
    /// and the sources (its commands, not another surface's), or nothing when null.
    /// </summary>
    public static string Render(Answer answer, string? hint = null)
    {
        var text = new StringBuilder();
        if (answer.Outcome == AnswerOutcome.Suggested)
        {
            text.AppendLine(NotSure).AppendLine();
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
            text.Append(answer.UnknownWords.Count > 0
                ? $"I can't answer that from my sources: they do not mention {Join(answer.UnknownWords)}."
                : answer.Reason == AbstentionReason.NoQuestion
                    ? "Please ask a question about Pakistan–Azerbaijan relations, such as \"When did Pakistan recognize Azerbaijan?\""
                    : "I can't answer that from my sources: none of them says it.");
            text.AppendLine();
            if (answer.Topics.Count > 0)
            {
                text.AppendLine($"They cover: {string.Join(", ", answer.Topics)}.");
            }

            if (hint is not null)
            {
                text.AppendLine(hint);
            }

            return text.ToString();
        }

        if (answer.Short is not null)
        {
            text.AppendLine($"**{answer.Short}**").AppendLine();
        }

        var citation = answer.Citations[0];
        text.AppendLine(Quote(answer.Text!)).AppendLine();
        text.AppendLine(CitationLine(citation));
        var facts = new List<string>();
        if (answer.Date is not null)
        {
            facts.Add($"Event date: {answer.Date.Date.Label}");
        }

        facts.Add(answer.Picked ? "Picked from the closest passages" : $"Confidence: {answer.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}");
        text.AppendLine(string.Join(" · ", facts));
        if (answer.Related.Count > 0)
        {
            text.AppendLine().AppendLine("Related:");
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
            text.AppendLine($"**{entry.Date.Date.Label}** — “{entry.Quote}” {CitationLine(entry.Citation)}");
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

    private static string Join(IReadOnlyList<string> words) =>
        words.Count == 1 ? $"“{words[0]}”" : string.Join(", ", words.Take(words.Count - 1).Select(w => $"“{w}”")) + $" or “{words[^1]}”";
}
