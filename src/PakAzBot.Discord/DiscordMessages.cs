using System.Globalization;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Discord;

/// <summary>
/// Renders the transport-neutral answer model as Discord messages: embeds with buttons, within Discord's limits
/// ("Embed Limits" and "Message Components" in Discord's documentation), with every mention switched off.
/// </summary>
public static partial class DiscordMessages
{
    public const int ContentLimit = 2000;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldValueLimit = 1024;
    public const int FieldLimit = 25;
    public const int FooterLimit = 2048;
    public const int EmbedTotalLimit = 6000;
    public const int CustomIdLimit = 100;
    public const int ButtonsPerRow = 5;
    public const int TimelinePageSize = 5;

    /// <summary>The longest description (alt text) Discord takes for an attachment.</summary>
    public const int AttachmentDescriptionLimit = 1024;
    public const int SourcesPageSize = 10;
    public const int MaxEmbeds = 10;
    public const int MaxRows = 5;
    public const int ButtonLabelLimit = 80;
    private const string SourcesPrefix = "srcs";

    // Each timeline entry gets a fifth of the description, so five of them never need cutting mid-entry.
    private const int TimelineQuoteLimit = 500;
    private const int TimelineCitationLimit = 250;
    public const int Ephemeral = 1 << 6;
    private const int MinDescription = 100;
    private const int Green = 0x0B6E4F;
    private const int Amber = 0xE3C77A;

    /// <summary>No @everyone, @here, role or user mention in anything the bot sends pings anyone.</summary>
    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };

    public static JsonObject Answer(Answer answer, bool ephemeral)
    {
        if (answer.Outcome == AnswerOutcome.Suggested)
        {
            return Suggestions(answer, ephemeral);
        }

        // The reply's own words are in the question's language; the quote and the citation stay verbatim English.
        var t = ReplyText.For(answer.Language);
        if (!answer.Answered)
        {
            var covered = answer.Topics.Count == 0 ? "" : "\n\n" + t.Topics(answer.Topics.Select(Escape));
            var reason = answer.UnknownWords.Count > 0 ? t.NotMentioned(answer.UnknownWords, Escape) : t.NoneSays;
            return Message(Embed(
                author: AuthorPrefix + answer.Question,
                title: t.CannotAnswer,
                description: reason + covered + "\n\n" + t.TryCommands("`/timeline`", "`/sources`"),
                color: Amber, fields: QuestionFields(answer.Question)), components: null, ephemeral);
        }

        var citation = answer.Citations[0];
        var fields = QuestionFields(answer.Question);
        if (answer.Date is not null)
        {
            fields.Add(Field(t.EventDate, t.Date(answer.Date.Date), inline: true));
        }

        fields.Add(Field(t.Source, MarkdownRenderer.CitationLine(citation), inline: false));
        if (answer.Citations.Count > 1)
        {
            fields.Add(Field(t.AlsoSays, string.Join("\n", answer.Citations.Skip(1).Select(MarkdownRenderer.CitationLine)), inline: false));
        }

        // Sources that differ: each one's short answer, its sentence and its citation, within an embed's field limits.
        foreach (var conflict in answer.Conflicts.Take(3))
        {
            var said = t.Short(conflict.Short, conflict.Date);
            fields.Add(Field(t.SourcesDiffer + (said is null ? "" : " " + said), $"“{conflict.Sentence}” {MarkdownRenderer.CitationLine(conflict.Citation)}", inline: false));
        }

        var embed = Embed(
            author: AuthorPrefix + answer.Question,
            title: t.Short(answer),
            description: Quote(answer.Text!),
            color: Green,
            fields: fields,
            footer: (answer.Picked ? t.Picked : t.ConfidenceOf(answer.Confidence)) + " · " + t.Verbatim);

        var passages = new JsonArray { Button(t.Source, CustomId("src", citation.Passage.Id)) };
        for (var i = 0; i < answer.Related.Count && i < 2; i++)
        {
            passages.Add(Button($"{t.Related}: {answer.Related[i].Passage.Section ?? "¶" + answer.Related[i].Passage.Number}", CustomId("rel", answer.Related[i].Passage.Id)));
        }

        var votes = new JsonArray
        {
            Button("👍", CustomId("fb", FeedbackVote.Up, citation.Passage.Id), style: 3),
            Button("👎", CustomId("fb", FeedbackVote.Down, citation.Passage.Id), style: 4),
        };
        return Message(embed, [Row(passages), Row(votes)], ephemeral);
    }

    /// <summary>The custom_id prefix of a suggestion's button: "pick|PASSAGE".</summary>
    public const string PickPrefix = "pick";

    /// <summary>The custom_id of "None of these".</summary>
    public const string NoneOfTheseId = "none";

    // Each suggestion's sentence and citation are cut to these, so three of them, the question and the rest of the
    // embed fit Discord's 4,096-character description and 6,000 characters in all, however long the sources write.
    private const int SuggestionSentenceLimit = 700;
    private const int SuggestionCitationLimit = 300;

    /// <summary>
    /// Not sure: the closest passages numbered, each with its quoted sentence and citation, a button per passage that
    /// says it answers the question, and "None of these". The question rides in the author line (and whole in a
    /// field when long), where a pick reads it back.
    /// </summary>
    public static JsonObject Suggestions(Answer answer, bool ephemeral)
    {
        var t = ReplyText.For(answer.Language);
        var lines = answer.Suggestions.Select((s, i) =>
            $"**{i + 1}.** “{Fit(Escape(s.Sentence), SuggestionSentenceLimit)}”\n{Fit(Escape(MarkdownRenderer.CitationLine(s.Citation)), SuggestionCitationLimit)}");
        var embed = Embed(
            author: AuthorPrefix + answer.Question,
            title: t.NotSure,
            description: string.Join("\n\n", lines),
            color: Amber,
            fields: QuestionFields(answer.Question),
            footer: t.PickHelp);
        var buttons = new JsonArray();
        for (var i = 0; i < answer.Suggestions.Count && i < ButtonsPerRow - 1; i++)
        {
            buttons.Add(Button($"{i + 1}. {t.ThisAnswersIt}", CustomId(PickPrefix, answer.Suggestions[i].Citation.Passage.Id), style: 1));
        }

        buttons.Add(Button(t.NoneOfThese, NoneOfTheseId));
        return Message(embed, [Row(buttons)], ephemeral);
    }

    /// <summary>What "None of these" turns the suggestions' message into: the passages stay, the buttons go.</summary>
    public static JsonObject NoneOfTheseNoted(Language language = Language.English) => new()
    {
        // An update leaves out what it does not name: the embed with the passages stays as it was.
        ["content"] = ReplyText.For(language).NoneNoted,
        ["components"] = new JsonArray(),
        ["allowed_mentions"] = NoMentions(),
    };

    /// <summary>The question as the author line shows it, cut to 256 characters.</summary>
    public const string AuthorPrefix = "Q: ";

    /// <summary>The field that carries the whole question when the author line has to cut it.</summary>
    public const string QuestionField = "Question";

    /// <summary>
    /// A question too long for the author line is also written whole in a field (a question is at most 500 characters,
    /// a field value 1,024), so feedback on the answer records the question as asked, not as cut for display.
    /// </summary>
    private static JsonArray QuestionFields(string question) =>
        AuthorPrefix.Length + question.Length <= TitleLimit ? [] : [Field(QuestionField, question, inline: false)];

    /// <summary>
    /// The question an answer message (as Discord sends it back: in a button's interaction, or as the message a reply
    /// refers to) was for: whole in the "Question" field when the author line had to cut it, else the author line.
    /// </summary>
    public static string? QuestionOf(System.Text.Json.JsonElement? message)
    {
        if (Property(message, "embeds") is not { ValueKind: System.Text.Json.JsonValueKind.Array } embeds || embeds.GetArrayLength() == 0)
        {
            return null;
        }

        if (Property(embeds[0], "fields") is { ValueKind: System.Text.Json.JsonValueKind.Array } fields
            && fields.EnumerateArray().FirstOrDefault(f => StringOf(Property(f, "name")) == QuestionField) is { ValueKind: System.Text.Json.JsonValueKind.Object } field
            && StringOf(Property(field, "value")) is { } whole)
        {
            return Unescape(whole);
        }

        return StringOf(Property(Property(embeds[0], "author"), "name")) is { } text && text.StartsWith(AuthorPrefix, StringComparison.Ordinal)
            ? text[AuthorPrefix.Length..]
            : null;
    }

    private static System.Text.Json.JsonElement? Property(System.Text.Json.JsonElement? parent, string name) =>
        parent is { ValueKind: System.Text.Json.JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;

    private static string? StringOf(System.Text.Json.JsonElement? element) =>
        element is { ValueKind: System.Text.Json.JsonValueKind.String } s ? s.GetString() : null;

    /// <summary>Undoes <see cref="Escape"/>.</summary>
    public static string Unescape(string text) => EscapedSpecial().Replace(text, "$1");

    /// <summary>A whole cited paragraph, for the "Source" and "Related" buttons.</summary>
    public static JsonObject Passage(Citation citation, Language language = Language.English) =>
        Message(Embed(
            author: null,
            title: citation.Passage.Section ?? citation.Document.Title,
            description: Quote(citation.Passage.Text),
            color: Green,
            fields: [Field(ReplyText.For(language).Source, MarkdownRenderer.CitationLine(citation), inline: false)]), components: null, ephemeral: true);

    public static JsonObject TimelinePage(IReadOnlyList<TimelineEntry> entries, TimelineState state)
    {
        var pages = Math.Max(1, (entries.Count + TimelinePageSize - 1) / TimelinePageSize);
        var page = Math.Clamp(state.Page, 0, pages - 1);
        var lines = entries.Skip(page * TimelinePageSize).Take(TimelinePageSize).Select(e =>
            $"**{e.Date.Date.Label}**{(e.Differs ? $" ({ReplyText.For(Language.English).SourcesDifferMark})" : "")} — “{Fit(Escape(e.Quote), TimelineQuoteLimit)}”\n{Fit(Escape(MarkdownRenderer.CitationLine(e.Citation)), TimelineCitationLimit)}");
        var filter = new[] { state.From is null ? null : "from " + state.From, state.To is null ? null : "to " + state.To, state.Topic is null ? null : "about " + state.Topic }
            .OfType<string>().ToList();
        var embed = Embed(
            author: null,
            title: "Timeline" + (filter.Count > 0 ? " " + string.Join(", ", filter) : ""),
            description: entries.Count == 0 ? "No dated statements match." : string.Join("\n\n", lines),
            color: Green,
            footer: $"Page {page + 1} of {pages} · {entries.Count} dated statements, oldest first");
        var buttons = new JsonArray
        {
            Button("◀", (state with { Page = page - 1 }).ToCustomId(), disabled: page == 0),
            Button("▶", (state with { Page = page + 1 }).ToCustomId(), disabled: page >= pages - 1),
        };
        return Message(embed, [Row(buttons)], ephemeral: false);
    }

    /// <summary>
    /// One page of the documents, with ◀ ▶ buttons like the timeline's. Pages are filled in document order up to
    /// <see cref="SourcesPageSize"/> documents and the 6,000-character embed budget, so any number of documents of
    /// any title and address length fits; the page travels in the button's custom_id, as the timeline's does.
    /// </summary>
    public static JsonObject Sources(KnowledgeBase knowledge, int page = 0)
    {
        var fields = knowledge.Documents.Select(d => Field(d.Title,
            $"{d.Publisher}, {MarkdownRenderer.Day(d.Published)} · {d.Paragraphs.Count} paragraphs{(d.Url is null ? "" : " · " + d.Url)}", inline: false)).ToList();
        var description = $"{knowledge.Documents.Count} document(s), {knowledge.Passages.Count} paragraphs. Every answer quotes one of them.";
        const string title = "Sources";

        // The footer is at most "Page 9999 of 9999": reserve that much, so every page's fields fit whatever its number,
        // and leave the description whole.
        var room = EmbedTotalLimit - title.Length - Math.Max(description.Length, MinDescription) - "Page 9999 of 9999".Length;
        var pages = new List<(int Start, int Count)>();
        for (var start = 0; start < fields.Count;)
        {
            var (count, used) = (0, 0);
            while (start + count < fields.Count && count < SourcesPageSize && used + Size(fields[start + count]) <= room)
            {
                used += Size(fields[start + count]);
                count++;
            }

            count = Math.Max(count, 1);
            pages.Add((start, count));
            start += count;
        }

        var total = Math.Max(1, pages.Count);
        var at = Math.Clamp(page, 0, total - 1);
        var shown = new JsonArray(pages.Count == 0 ? [] : fields.Skip(pages[at].Start).Take(pages[at].Count).Select(f => (JsonNode)f).ToArray());
        var embed = Embed(author: null, title: title, description: knowledge.Documents.Count == 0 ? "No documents are loaded." : description,
            color: Green, fields: shown, footer: $"Page {at + 1} of {total}");
        var buttons = new JsonArray
        {
            Button("◀", CustomId(SourcesPrefix, (at - 1).ToString(CultureInfo.InvariantCulture)), disabled: at == 0),
            Button("▶", CustomId(SourcesPrefix, (at + 1).ToString(CultureInfo.InvariantCulture)), disabled: at >= total - 1),
        };
        return Message(embed, [Row(buttons)], ephemeral: false);

        static int Size(JsonObject field) => field["name"]!.GetValue<string>().Length + field["value"]!.GetValue<string>().Length;
    }

    /// <summary>The page a /sources button asks for, or null when the custom_id is not one.</summary>
    public static int? SourcesPage(string customId) =>
        customId.Split('|') is [SourcesPrefix, var number] && int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var page)
            ? page
            : null;

    /// <summary>A short ephemeral note: errors, refusals, thanks.</summary>
    public static JsonObject Notice(string text) => new()
    {
        ["content"] = Fit(text, ContentLimit),
        ["flags"] = Ephemeral,
        ["allowed_mentions"] = NoMentions(),
    };

    /// <summary>Escapes what Discord's Markdown would format, so source and user text show as written.</summary>
    public static string Escape(string text) => MarkdownSpecial().Replace(text, @"\$0");

    /// <summary>Cuts text to <paramref name="limit"/> characters at a sentence boundary where it can, with an ellipsis.</summary>
    public static string Fit(string text, int limit) => TextFit.Fit(text, limit);

    internal static string CustomId(params string[] parts)
    {
        var id = string.Join('|', parts);
        return id.Length <= CustomIdLimit ? id : throw new InvalidOperationException($"custom_id '{id}' is over {CustomIdLimit} characters");
    }
}

/// <summary>Feedback votes as they travel in button ids.</summary>
public static class FeedbackVote
{
    public const string Up = "up";
    public const string Down = "down";
}

/// <summary>
/// Where a timeline page stands: everything needed to show another page travels in the button's custom_id, so the
/// bot keeps no state between clicks. A topic too long for the 100-character id is cut.
/// </summary>
public sealed record TimelineState(int Page, string? From, string? To, string? Topic)
{
    private const string Prefix = "tl";

    public string ToCustomId()
    {
        var head = $"{Prefix}|{Page}|{From}|{To}|";
        var topic = (Topic ?? "").Replace("|", " ", StringComparison.Ordinal);
        return head + topic[..Math.Min(topic.Length, DiscordMessages.CustomIdLimit - head.Length)];
    }

    public static TimelineState? Parse(string customId)
    {
        var parts = customId.Split('|', 5);
        if (parts.Length != 5 || parts[0] != Prefix || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var page))
        {
            return null;
        }

        static string? Empty(string s) => s.Length == 0 ? null : s;
        return new TimelineState(page, Empty(parts[2]), Empty(parts[3]), Empty(parts[4]));
    }
}
