using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Text;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Teams;

/// <summary>
/// The conversation: what to say back to one activity. Commands, as the app manifest lists them: ask &lt;question&gt;,
/// help, timeline [from] [to] [topic], sources, and reindex (moderators); anything else is a question. Card buttons come back as message activities whose
/// <c>value</c> carries a passage id or a page, never a question to search again.
/// </summary>
public sealed class TeamsBot(
    AnswerService answers,
    ILiveIndex live,
    IReindexer reindexer,
    IFeedbackStore feedback,
    ModerationService moderation,
    IHttpClientFactory httpClients,
    IOptions<TeamsOptions> options,
    IOptions<RateLimitOptions> rateLimit,
    IOptions<WebOptions> web)
{
    public const string Surface = "teams";

    private readonly PerUserRateLimiter _limiter = new(rateLimit.Value);

    /// <summary>The replies to send for an activity (none for kinds the bot ignores).</summary>
    public async Task<IReadOnlyList<JsonObject>> HandleAsync(JsonElement activity, CancellationToken cancellationToken)
    {
        var type = Text(activity, "type");
        try
        {
            return type switch
            {
                "message" => [await MessageAsync(activity, cancellationToken)],
                "conversationUpdate" when BotWasAdded(activity) => [TeamsCards.Help(welcome: true, LocaleOf(activity) ?? Language.English)],
                _ => [],
            };
        }
        catch (IndexNotReadyException)
        {
            return [TeamsCards.Notice("I'm still reading my sources; please ask again in a moment.")];
        }
    }

    private async Task<JsonObject> MessageAsync(JsonElement activity, CancellationToken cancellationToken)
    {
        var user = UserId(activity);
        if (!_limiter.TryAcquire(user))
        {
            return TeamsCards.Notice("Slow down a little: you have asked a lot in a short time. Please try again in a minute.");
        }

        if (activity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return await CardActionAsync(activity, value, user, cancellationToken);
        }

        if (FileOf(activity) is { } file)
        {
            return await DocumentAsync(activity, file, cancellationToken);
        }

        var text = WithoutBotMention(activity);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var locale = LocaleOf(activity);
        return words.FirstOrDefault()?.ToLowerInvariant() switch
        {
            null => TeamsCards.Help(welcome: false, locale ?? Language.English),
            "help" or "/help" or "?" when words.Length == 1 => TeamsCards.Help(welcome: false, locale ?? Language.English),
            "ask" or "/ask" when words.Length == 1 => TeamsCards.Help(welcome: false, locale ?? Language.English),
            "ask" or "/ask" => answers.Ask(string.Join(' ', words[1..]), Surface, locale, TeamsCards.Answer),
            "sources" or "/sources" when words.Length == 1 => TeamsCards.Sources(answers.Knowledge()),
            "timeline" or "/timeline" => Timeline(words[1..]),
            "reindex" or "/reindex" when words.Length == 1 => await ReindexAsync(activity, cancellationToken),
            "remove-document" or "/remove-document" when words.Length == 2 => await RemoveDocumentAsync(activity, words[1], cancellationToken),
            _ => answers.Ask(text, Surface, locale, TeamsCards.Answer),
        };
    }

    /// <summary>The card a pick posts, and the sentence it quotes (for the feedback).</summary>
    private sealed record Picked(JsonObject Card, string? Sentence);

    /// <summary>
    /// A card button. Votes and picks name the message the card is on, the activity's replyToId ("the ID of the
    /// message this activity is a reply to": the bot's card), so each user has one vote per answer and one pick per
    /// suggestions card, the last counting. A card action without one (not from Teams) counts on its own.
    /// </summary>
    private async Task<JsonObject> CardActionAsync(JsonElement activity, JsonElement value, string user, CancellationToken cancellationToken)
    {
        var action = Text(value, "action");
        var card = Text(activity, "replyToId");
        var question = QuestionNormalizer.Normalize(Text(value, "question") ?? "");
        // The reply's language: the one the card's button carries, else the question's, else the client's.
        var language = LanguageCodes.FromCode(Text(value, "language")) ?? answers.LanguageOf(question, LocaleOf(activity));
        var t = ReplyText.For(language);
        switch (action)
        {
            case "source" or "related":
                using (var lease = live.Acquire() ?? throw new IndexNotReadyException())
                {
                    var knowledge = lease.Generation.Knowledge;
                    return knowledge.TryGetPassage(Text(value, "passage") ?? "", out var passage)
                        ? TeamsCards.Passage(new Citation(knowledge.DocumentOf(passage), passage), language)
                        : TeamsCards.Notice("That passage is no longer in my sources; they were updated since. Please ask again.");
                }

            case "feedback" when Text(value, "vote") is "up" or "down" && Text(value, "passage") is { } passageId:
                var vote = Text(value, "vote")!;
                await feedback.RecordAsync(new FeedbackEntry(DateTimeOffset.UtcNow, Surface, user, Text(value, "question"), passageId, vote, card), cancellationToken);
                return TeamsCards.Notice(vote == FeedbackLog.Up ? t.ThanksUp : t.ThanksDown);

            case "pick" when Text(value, "passage") is { Length: > 0 } passageId && question.Length > 0:
                var picked = answers.Pick(question, passageId, Surface, LocaleOf(activity), answer => new Picked(TeamsCards.Answer(answer), answer.Text));
                if (picked is null)
                {
                    return TeamsCards.Notice("That passage is no longer in my sources; they were updated since. Please ask again.");
                }

                await feedback.RecordPickAsync(new PickEntry(DateTimeOffset.UtcNow, Surface, user, card ?? NewReply(), question, passageId, picked.Sentence), cancellationToken);
                return picked.Card;

            case "none" when question.Length > 0:
                answers.NoneOfThese(Surface, question);
                await feedback.RecordPickAsync(new PickEntry(DateTimeOffset.UtcNow, Surface, user, card ?? NewReply(), question, null), cancellationToken);
                return TeamsCards.Notice(t.NoneNoted);

            case "document-confirm" or "document-cancel" when Text(value, "token") is { } token:
                var moderator = ModeratorOf(activity);
                var result = action == "document-confirm"
                    ? await moderation.ConfirmAsync(token, moderator, CancellationToken.None)
                    : await moderation.CancelAsync(token, moderator, CancellationToken.None);
                return TeamsCards.Notice(result.Message);

            case "timeline":
                // The page is the integer this bot's own card sent; any other value did not come from its button.
                var page = 0;
                if (value.TryGetProperty("page", out var p) && p.ValueKind != JsonValueKind.Null
                    && !(p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out page)))
                {
                    return TeamsCards.Notice("That button no longer does anything; please ask again.");
                }

                return TimelinePage(new TimelinePage(page, Text(value, "from"), Text(value, "to"), Text(value, "topic")));

            default:
                return TeamsCards.Notice("That button no longer does anything; please ask again.");
        }
    }

    /// <summary>A reply id of its own, for a pick whose card message is not named: it counts apart from every other.</summary>
    private static string NewReply() => "unnamed-" + Guid.NewGuid().ToString("N");

    /// <summary>"timeline 2014 2021 defence": leading words that read as dates are the range, the rest the topic.</summary>
    private JsonObject Timeline(string[] words)
    {
        var dates = new List<PartialDate>();
        var i = 0;
        for (; i < words.Length && dates.Count < 2 && PartialDate.TryParse(words[i], out var date); i++)
        {
            dates.Add(date);
        }

        var topic = i < words.Length ? string.Join(' ', words[i..]) : null;
        return TimelinePage(new TimelinePage(0, dates.ElementAtOrDefault(0)?.Iso, dates.ElementAtOrDefault(1)?.Iso, topic));
    }

    private JsonObject TimelinePage(TimelinePage page)
    {
        PartialDate.TryParse(page.From, out var from);
        PartialDate.TryParse(page.To, out var to);
        return TeamsCards.Timeline(answers.Timeline(new TimelineFilter(from, to, page.Topic)), page, TimelinePictureUrl(page));
    }

    /// <summary>Where Teams fetches the timeline picture: this bot's PNG endpoint at its public address, if it has one.</summary>
    private string? TimelinePictureUrl(TimelinePage page)
    {
        if (string.IsNullOrWhiteSpace(web.Value.PublicUrl))
        {
            return null;
        }

        var query = string.Join("&", new[] { ("from", page.From), ("to", page.To), ("topic", page.Topic) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2))
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
        return web.Value.PublicUrl.TrimEnd('/') + "/api/timeline.png" + (query.Length > 0 ? "?" + query : "");
    }

    /// <summary>Whether the sender is one of Teams:ModeratorIds (by AAD object id).</summary>
    private bool IsModerator(JsonElement activity) =>
        (activity.TryGetProperty("from", out var from) ? Text(from, "aadObjectId") : null) is { } aadObjectId
        && options.Value.ModeratorIds.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);

    private static Moderator ModeratorOf(JsonElement activity)
    {
        var from = activity.TryGetProperty("from", out var f) ? f : default;
        return new Moderator(Surface, (Text(from, "aadObjectId") ?? Text(from, "id") ?? "unknown").ToLowerInvariant(), Text(from, "name") ?? "unknown");
    }

    /// <summary>
    /// The file of a message in personal chat. "Send and receive files using bot" in the Teams documentation
    /// (learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4, "Receive files in personal chat"): a file
    /// the user sends the bot arrives as an attachment of content type application/vnd.microsoft.teams.file.download.info
    /// whose content carries a downloadUrl the bot reads directly (pre-authenticated, short-lived), and whose name is
    /// the file's; the app manifest's supportsFiles lets users attach files. This flow works only in personal chat.
    /// </summary>
    internal const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    private static (string Name, string? DownloadUrl)? FileOf(JsonElement activity)
    {
        if (!activity.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var attachment in attachments.EnumerateArray())
        {
            if (Text(attachment, "contentType") == FileDownloadInfo)
            {
                var content = attachment.TryGetProperty("content", out var c) ? c : default;
                return (Text(attachment, "name") ?? "", Text(content, "downloadUrl"));
            }
        }

        return null;
    }

    /// <summary>A moderator's .md file in personal chat: fetched (1 MB, a timeout), reviewed, held for Confirm.</summary>
    private async Task<JsonObject> DocumentAsync(JsonElement activity, (string Name, string? DownloadUrl) file, CancellationToken cancellationToken)
    {
        if (!IsModerator(activity))
        {
            return TeamsCards.Notice("Sorry, only moderators can add documents; ask me a question instead.");
        }

        var personal = activity.TryGetProperty("conversation", out var conversation) && Text(conversation, "conversationType") is null or "personal";
        if (!personal || file.DownloadUrl is null)
        {
            return TeamsCards.Notice("Send the document to me in a personal chat: files in channels and group chats do not reach me.");
        }

        if (DocumentReviewer.Refusal(file.Name, 0, null) is { } early)
        {
            return TeamsCards.Notice(early.Message);
        }

        var (bytes, failed) = await ModerationService.FetchAsync(httpClients.CreateClient(ModerationService.HttpClientName), file.DownloadUrl, cancellationToken);
        if (failed is not null)
        {
            return TeamsCards.Notice(failed.Message);
        }

        var (review, refused) = moderation.ReviewAdd(file.Name, bytes!);
        return refused is not null
            ? TeamsCards.Notice(refused.Message)
            : TeamsCards.DocumentReview(review!, await moderation.HoldOrRefuseAsync(review!, bytes, ModeratorOf(activity), CancellationToken.None));
    }

    /// <summary>"remove-document ID" from a moderator: the review, held for Confirm.</summary>
    private async Task<JsonObject> RemoveDocumentAsync(JsonElement activity, string id, CancellationToken cancellationToken)
    {
        if (!IsModerator(activity))
        {
            return TeamsCards.Notice("Sorry, only moderators can remove documents.");
        }

        return moderation.ReviewRemove(id) is { } review
            ? TeamsCards.DocumentReview(review, await moderation.HoldOrRefuseAsync(review, null, ModeratorOf(activity), cancellationToken))
            : TeamsCards.Notice($"No document has the id {id}; \"sources\" lists them.");
    }

    private async Task<JsonObject> ReindexAsync(JsonElement activity, CancellationToken cancellationToken)
    {
        if (!IsModerator(activity))
        {
            return TeamsCards.Notice("Sorry, only moderators can rebuild the index.");
        }

        var result = await reindexer.ReindexAsync("teams", cancellationToken);
        var seconds = result.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (result.Succeeded)
        {
            var g = result.Generation!;
            return TeamsCards.Notice($"Reindexed: {g.Documents} document(s), {g.Paragraphs} paragraphs in {seconds} s (generation {g.Number} here; content {g.ContentHash[..12]}, as /healthz reports it on every replica serving these documents).");
        }

        return TeamsCards.Notice($"Reindex refused, the current index stays in service. Fix {result.Errors.Count} error(s):\n"
            + string.Join('\n', result.Errors.Select(e => $"- {e}")));
    }

    /// <summary>
    /// The question: the text without the bot's own @mention, found through the activity's mention entities
    /// ("Mentions" in the Teams bot documentation), then normalized as every surface does, which also removes the
    /// &lt;at&gt; mentions of other people, HTML and entities.
    /// </summary>
    /// <remarks>The entities find the mention on channels that do not wrap it in &lt;at&gt; (the Emulator, Web Chat).</remarks>
    internal static string WithoutBotMention(JsonElement activity)
    {
        var text = Text(activity, "text") ?? "";
        var botId = activity.TryGetProperty("recipient", out var recipient) ? Text(recipient, "id") : null;
        if (activity.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array)
        {
            foreach (var entity in entities.EnumerateArray())
            {
                if (Text(entity, "type") == "mention" && entity.TryGetProperty("mentioned", out var mentioned)
                    && Text(mentioned, "id") == botId && Text(entity, "text") is { Length: > 0 } mention)
                {
                    text = text.Replace(mention, " ", StringComparison.Ordinal);
                }
            }
        }

        return QuestionNormalizer.Normalize(text);
    }

    private static bool BotWasAdded(JsonElement activity)
    {
        var botId = activity.TryGetProperty("recipient", out var recipient) ? Text(recipient, "id") : null;
        return activity.TryGetProperty("membersAdded", out var added) && added.ValueKind == JsonValueKind.Array
               && added.EnumerateArray().Any(m => Text(m, "id") == botId);
    }

    private static string UserId(JsonElement activity) =>
        activity.TryGetProperty("from", out var from) ? Text(from, "aadObjectId") ?? Text(from, "id") ?? "unknown" : "unknown";

    /// <summary>The language the Teams client is set to (the activity's <c>locale</c>): a tie-breaker only.</summary>
    private static Language? LocaleOf(JsonElement activity) => LanguageCodes.FromCode(Text(activity, "locale"));

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
