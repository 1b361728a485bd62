using System.Globalization;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Teams;

/// <summary>
/// Renders the transport-neutral model as Bot Framework message activities carrying Adaptive Cards (schema 1.5,
/// built as JSON here since the AdaptiveCards package is not served), each with a plain-text summary and the card's
/// fallbackText but no text beside the card, which Teams would show as a second message. Text is cut so a reply
/// stays well under Teams' message size limit (about 28 KB).
/// </summary>
public static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const int QuoteLimit = 3000;
    public const int TimelinePageSize = 6;

    /// <summary>The longest summary: a notification shows a line or two.</summary>
    public const int SummaryLimit = 300;

    /// <summary>The Teams commands for the timeline and the sources, typed to the bot (the commands stay English).</summary>
    private static string TeamsHint(ReplyText t) => t.TryCommands("**timeline**", "**sources**");

    /// <summary>The answer's card, its own words in the question's language; the quote and citation verbatim English.</summary>
    public static JsonObject Answer(Answer answer)
    {
        if (answer.Outcome == AnswerOutcome.Suggested)
        {
            return Suggestions(answer);
        }

        var t = ReplyText.For(answer.Language);
        if (!answer.Answered)
        {
            var text = MarkdownRenderer.Render(answer, TeamsHint(t));
            return Message(text, Card(
                TextBlock(t.CannotAnswer, size: "Medium", weight: "Bolder"),
                TextBlock(answer.UnknownWords.Count > 0 ? t.NotMentioned(answer.UnknownWords) : t.NoneSays),
                TextBlock(t.Topics(answer.Topics), subtle: true),
                TextBlock(TeamsHint(t), subtle: true)));
        }

        var citation = answer.Citations[0];
        var body = new List<JsonObject>();
        if (t.Short(answer) is { } shortAnswer)
        {
            body.Add(TextBlock(shortAnswer, size: "Large", weight: "Bolder"));
        }

        body.Add(Quote(answer.Text!));
        body.Add(Facts(citation, answer.Date is null ? null : t.Date(answer.Date.Date), t));
        if (answer.Citations.Count > 1)
        {
            body.Add(TextBlock($"{t.AlsoSays}: {string.Join("; ", answer.Citations.Skip(1).Select(c => MarkdownRenderer.CitationLine(c)[2..]))}", subtle: true, size: "Small"));
        }

        if (answer.Conflicts.Count > 0)
        {
            // Sources that differ: each one's short answer, its verbatim sentence and its citation.
            body.Add(TextBlock(t.SourcesDiffer, weight: "Bolder"));
            foreach (var conflict in answer.Conflicts)
            {
                if (t.Short(conflict.Short, conflict.Date) is { } said)
                {
                    body.Add(TextBlock(said, weight: "Bolder"));
                }

                body.Add(Quote(conflict.Sentence));
                body.Add(TextBlock(MarkdownRenderer.CitationLine(conflict.Citation), subtle: true, size: "Small"));
            }
        }

        var how = answer.Picked ? t.Picked : t.ConfidenceOf(answer.Confidence);
        body.Add(TextBlock($"{how} · {t.Verbatim}", subtle: true, size: "Small"));

        // The source and related buttons carry the reply's language, so the passage they show is labelled in it too.
        var language = answer.Language.Code();
        var actions = new List<JsonObject> { Submit(t.Source, new JsonObject { ["action"] = "source", ["passage"] = citation.Passage.Id, ["language"] = language }) };
        actions.AddRange(answer.Related.Take(2).Select(r => Submit($"{t.Related}: {r.Passage.Section ?? "¶" + r.Passage.Number}", new JsonObject { ["action"] = "related", ["passage"] = r.Passage.Id, ["language"] = language })));
        // The question rides along only to be written to the feedback log; it is never searched again.
        actions.Add(Submit("👍", new JsonObject { ["action"] = "feedback", ["vote"] = "up", ["passage"] = citation.Passage.Id, ["question"] = TextFit.Fit(answer.Question, 300) }));
        actions.Add(Submit("👎", new JsonObject { ["action"] = "feedback", ["vote"] = "down", ["passage"] = citation.Passage.Id, ["question"] = TextFit.Fit(answer.Question, 300) }));
        return Message(MarkdownRenderer.Render(answer), Card([.. body], actions));
    }

    /// <summary>
    /// Not sure: the closest passages numbered, each quoted with its citation and a "This answers it" button, and
    /// "None of these" below. The buttons carry the passage and the question (to answer from that passage and to
    /// record the pick); the message they are on, the pick's reply, comes as the activity's replyToId.
    /// </summary>
    public static JsonObject Suggestions(Answer answer)
    {
        var t = ReplyText.For(answer.Language);
        var body = new List<JsonObject> { TextBlock(t.NotSure, size: "Medium", weight: "Bolder") };
        body.AddRange(answer.Suggestions.Select((s, i) => new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["items"] = new JsonArray(
                TextBlock($"{i + 1}.", weight: "Bolder"),
                Quote(TextFit.Fit(s.Sentence, SuggestionLimit)),
                TextBlock(MarkdownRenderer.CitationLine(s.Citation), subtle: true, size: "Small"),
                new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(Submit($"{i + 1}. {t.ThisAnswersIt}", new JsonObject { ["action"] = "pick", ["passage"] = s.Citation.Passage.Id, ["question"] = answer.Question })),
                }),
        }));
        var none = Submit(t.NoneOfThese, new JsonObject { ["action"] = "none", ["question"] = answer.Question });
        return Message(MarkdownRenderer.Render(answer), Card([.. body], [none]));
    }

    /// <summary>The longest sentence a suggestion quotes; three of them and the rest stay far under Teams' limit.</summary>
    private const int SuggestionLimit = 1500;

    public static JsonObject Passage(Citation citation, Language language = Language.English) =>
        Message($"{citation.Passage.Text}\n\n{MarkdownRenderer.CitationLine(citation)}",
            Card(TextBlock(citation.Passage.Section ?? citation.Document.Title, weight: "Bolder"), Quote(citation.Passage.Text), Facts(citation, null, ReplyText.For(language))));

    /// <param name="entries">The whole timeline.</param>
    /// <param name="page">Which page to show.</param>
    /// <param name="pictureUrl">The timeline picture's public https address, shown above the statements; null for none.</param>
    public static JsonObject Timeline(IReadOnlyList<TimelineEntry> entries, TimelinePage page, string? pictureUrl = null)
    {
        var pages = Math.Max(1, (entries.Count + TimelinePageSize - 1) / TimelinePageSize);
        var number = Math.Clamp(page.Page, 0, pages - 1);
        var shown = entries.Skip(number * TimelinePageSize).Take(TimelinePageSize).ToList();
        var body = new List<JsonObject> { TextBlock("Timeline", size: "Medium", weight: "Bolder") };
        if (pictureUrl is not null && entries.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Image",
                ["url"] = pictureUrl,
                ["altText"] = $"The timeline as a picture: {entries.Count} dated statements on a time axis",
                ["size"] = "Stretch",
                ["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the picture", ["url"] = pictureUrl },
            });
        }

        body.AddRange(shown.Select(e => new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["items"] = new JsonArray(
                TextBlock(e.Differs ? $"{e.Date.Date.Label} ({ReplyText.For(Language.English).SourcesDifferMark})" : e.Date.Date.Label, weight: "Bolder"),
                TextBlock(TextFit.Fit(e.Quote, 600)),
                TextBlock(MarkdownRenderer.CitationLine(e.Citation), subtle: true, size: "Small")),
        }));
        body.Add(TextBlock(entries.Count == 0 ? "No dated statements match." : $"Page {number + 1} of {pages} · {entries.Count} dated statements, oldest first", subtle: true, size: "Small"));
        var actions = new List<JsonObject>();
        if (number > 0)
        {
            actions.Add(Submit("◀ Earlier", (page with { Page = number - 1 }).ToValue()));
        }

        if (number < pages - 1)
        {
            actions.Add(Submit("Later ▶", (page with { Page = number + 1 }).ToValue()));
        }

        var text = string.Join("\n", shown.Select(e => $"{e.Date.Date.Label}{(e.Differs ? $" ({ReplyText.For(Language.English).SourcesDifferMark})" : "")} — “{e.Quote}” {MarkdownRenderer.CitationLine(e.Citation)}"));
        return Message(text.Length == 0 ? "No dated statements match." : text, Card([.. body], actions));
    }

    public static JsonObject Sources(KnowledgeBase knowledge)
    {
        var facts = knowledge.Documents.Select(d => new JsonObject
        {
            ["title"] = d.Publisher,
            ["value"] = $"{d.Title}, {MarkdownRenderer.Day(d.Published)} · {d.Paragraphs.Count} paragraphs",
        });
        var text = string.Join("\n", knowledge.Documents.Select(d => $"{d.Title} — {d.Publisher}, {MarkdownRenderer.Day(d.Published)} ({d.Paragraphs.Count} paragraphs)"));
        return Message(text, Card(TextBlock("Sources", size: "Medium", weight: "Bolder"), new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. facts]) }));
    }

    /// <summary>The help card, in the language the client is set to (its commands stay English: they are typed as they are).</summary>
    public static JsonObject Help(bool welcome, Language language = Language.English) => Message(
        language == Language.English
            ? "I answer questions about Pakistan–Azerbaijan relations, quoting my sources word for word. Ask me anything, or type: help, timeline [from] [to] [topic], sources."
            : ReplyText.For(language).About + " (help, timeline [from] [to] [topic], sources)",
        Card(
            TextBlock(welcome ? ReplyText.For(language).Hello : ReplyText.For(language).HowToUse, size: "Medium", weight: "Bolder"),
            TextBlock(ReplyText.For(language).About),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(
                    Fact("ask [question]", "or just the question: When did Pakistan recognize Azerbaijan?"),
                    Fact("timeline [from] [to] [topic]", "dated events, oldest first, e.g. timeline 2014 2021 defence"),
                    Fact("sources", "the documents I answer from"),
                    Fact("help", "this card")),
            }));

    public static JsonObject Notice(string text) => new() { ["type"] = "message", ["text"] = text };

    /// <summary>
    /// One message: the card alone. Teams shows a message with both text and a card as two messages, so the text
    /// goes into the activity's summary (plain text, what notifications show) and the card's fallbackText.
    /// </summary>
    private static JsonObject Message(string fallback, JsonObject card)
    {
        var plain = fallback.Replace("**", "", StringComparison.Ordinal);
        card["fallbackText"] = TextFit.Fit(plain, 4000);
        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = TextFit.Fit(plain.Split('\n', 2)[0], SummaryLimit),
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = ContentType, ["content"] = card } },
        };
    }

    private static JsonObject Card(params JsonObject[] body) => Card(body, []);

    private static JsonObject Card(JsonObject[] body, IReadOnlyList<JsonObject> actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray([.. body]),
        };
        if (actions.Count > 0)
        {
            card["actions"] = new JsonArray([.. actions]);
        }

        return card;
    }

    private static JsonObject Quote(string text) => new()
    {
        ["type"] = "Container",
        ["style"] = "emphasis",
        ["items"] = new JsonArray(TextBlock(TextFit.Fit(text, QuoteLimit))),
    };

    private static JsonObject Facts(Citation citation, string? eventDate, ReplyText t)
    {
        var facts = new JsonArray(
            Fact(t.Source, citation.Passage.Kind == PassageKind.Quote && citation.Passage.Attribution is not null
                ? $"{citation.Passage.Attribution}, quoted by {citation.Document.Publisher}"
                : citation.Document.Publisher),
            Fact(t.Published, MarkdownRenderer.Day(citation.Document.Published)),
            Fact(t.Section, citation.Passage.Section ?? "—"),
            Fact(t.Paragraph, "¶" + citation.Passage.Number.ToString(CultureInfo.InvariantCulture)));
        if (eventDate is not null)
        {
            facts.Add(Fact(t.EventDate, eventDate));
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = facts };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    // Adaptive Cards render a subset of Markdown in TextBlocks; sources are shown as written.
    private static JsonObject TextBlock(string text, string? size = null, string? weight = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    /// <summary>A moderator's document review: its lines, then Confirm and Cancel (Action.Submit) when it can be confirmed.</summary>
    public static JsonObject DocumentReview(Core.Moderation.DocumentReview review, string? token)
    {
        var lines = review.Lines();
        var body = lines.Select((line, i) => TextBlock(line, weight: i == 0 ? "Bolder" : null)).ToList();
        var actions = new List<JsonObject>();
        if (token is not null)
        {
            body.Add(TextBlock($"Confirm within {Core.Moderation.PendingReviews.Lifetime.TotalMinutes:0} minutes; only you can.", subtle: true));
            actions.Add(Submit("Confirm", new JsonObject { ["action"] = "document-confirm", ["token"] = token }));
            actions.Add(Submit("Cancel", new JsonObject { ["action"] = "document-cancel", ["token"] = token }));
        }

        return Message(string.Join('\n', lines), Card([.. body], actions));
    }

    private static JsonObject Submit(string title, JsonObject data) => new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
}

/// <summary>Which timeline page a card shows; travels in the card's buttons so the bot keeps no state.</summary>
public sealed record TimelinePage(int Page, string? From, string? To, string? Topic)
{
    public JsonObject ToValue() => new() { ["action"] = "timeline", ["page"] = Page, ["from"] = From, ["to"] = To, ["topic"] = Topic };
}
