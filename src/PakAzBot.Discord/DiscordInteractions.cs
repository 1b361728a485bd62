using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Text;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Discord;

/// <summary>
/// Handles one verified interaction and returns Discord's interaction response ("Receiving and Responding" in
/// Discord's documentation: interaction types 1 PING, 2 command, 3 component, 4 autocomplete; response types
/// 1 PONG, 4 message, 5 deferred message, 7 update message, 8 autocomplete result).
/// </summary>
public sealed partial class DiscordInteractions(
    AnswerService answers,
    ILiveIndex live,
    IReindexer reindexer,
    IFeedbackStore feedback,
    DiscordRestClient rest,
    ModerationService moderation,
    IHttpClientFactory httpClients,
    IOptions<DiscordOptions> options,
    IOptions<RateLimitOptions> rateLimit,
    ILogger<DiscordInteractions> logger)
{
    public const string Surface = "discord";

    private readonly PerUserRateLimiter _limiter = new(rateLimit.Value);

    // Each user's last vote per answer, to skip writing a vote again; bounded, as the feedback summary is what counts.
    private readonly MemoryCache _votes = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<JsonObject> HandleAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        // InteractionShape has checked what is read here; the reads stay careful anyway, so no shape can throw.
        var type = interaction.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var n) ? n : 0;
        if (type == 1)
        {
            return new JsonObject { ["type"] = 1 };
        }

        try
        {
            var user = UserId(interaction);
            if (type is 2 or 3 && !Allowed(user))
            {
                return Reply(DiscordMessages.Notice("Slow down a little: you have asked a lot in a short time. Please try again in a minute."));
            }

            return type switch
            {
                2 => await CommandAsync(interaction, cancellationToken),
                3 => await ComponentAsync(interaction, user, cancellationToken),
                4 => Autocomplete(interaction),
                _ => Reply(DiscordMessages.Notice("Sorry, I don't know how to handle that kind of interaction. Try `/ask`.")),
            };
        }
        catch (IndexNotReadyException)
        {
            return type == 4 ? NoChoices() : Reply(DiscordMessages.Notice(NotReady));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Anything else: a private notice with a reference the log also carries, never a 500 (which Discord shows
            // as "This interaction failed").
            var reference = NewReference();
            LogInteractionFailed(e, reference, type, Text(Data(interaction), "name") ?? Text(Data(interaction), "custom_id"));
            return type == 4 ? NoChoices() : Reply(DiscordMessages.Notice(Failed(reference)));
        }
    }

    internal const string NotReady = "I'm still reading my sources; please ask again in a moment.";

    internal static string Failed(string reference) =>
        $"Sorry, something went wrong on my side and it has been logged. If it keeps happening, give the moderators this reference: `{reference}`.";

    /// <summary>A short reference for one failure: eight hex digits, enough to find it in the log.</summary>
    internal static string NewReference() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    private static JsonObject NoChoices() => new() { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = new JsonArray() } };

    private async Task<JsonObject> CommandAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        var data = Data(interaction);
        var name = Text(data, "name");
        return name switch
        {
            DiscordCommands.Ask => await AskCommandAsync(interaction, data),
            DiscordCommands.AskMessage => await AskAboutMessageAsync(interaction, data),
            DiscordCommands.Timeline => TimelineCommand(interaction, data),
            DiscordCommands.Sources => Reply(DiscordMessages.Sources(answers.Knowledge())),
            DiscordCommands.Reindex => await ReindexCommandAsync(interaction, cancellationToken),
            DiscordCommands.AddDocument or DiscordCommands.RemoveDocument => await DocumentCommandAsync(interaction, data, name),
            _ => Reply(DiscordMessages.Notice("Sorry, I don't know that command. Try `/ask`, `/timeline` or `/sources`.")),
        };
    }

    private Task<JsonObject> AskCommandAsync(JsonElement interaction, JsonElement? data)
    {
        var question = QuestionNormalizer.Normalize(Text(Option(data, "question")) ?? "");
        var ephemeral = Option(data, "private") is { ValueKind: JsonValueKind.True };
        if (question.Length == 0)
        {
            return Task.FromResult(Reply(DiscordMessages.Notice("Please ask a question, such as `/ask question: When did Pakistan recognize Azerbaijan?`")));
        }

        return AnswerAsync(interaction, question, ephemeral);
    }

    // The message context-menu command answers the message it is used on, so plain-chat questions get answered
    // without a gateway connection. The normalizer takes mentions, markup and chatter off first.
    private Task<JsonObject> AskAboutMessageAsync(JsonElement interaction, JsonElement? data)
    {
        var target = Text(data, "target_id");
        var content = target is not null && Child(data, "resolved") is { } resolved && Child(resolved, "messages") is { } messages
                      && Child(messages, target) is { } message
            ? QuestionNormalizer.Normalize(Text(message, "content") ?? "")
            : "";
        if (content.Length == 0)
        {
            return Task.FromResult(Reply(DiscordMessages.Notice("That message has no text I can read as a question.")));
        }

        return AnswerAsync(interaction, content, ephemeral: false);
    }

    /// <summary>
    /// Answers within Discord:AnswerReplyWithinMilliseconds, or else says "thinking…" (type 5) and edits the original
    /// response when the answer is ready, so a cold model or a slow disk never runs past Discord's 3 seconds.
    /// </summary>
    private async Task<JsonObject> AnswerAsync(JsonElement interaction, string question, bool ephemeral)
    {
        // On its own thread, not the pool's: answering blocks (a model, a disk), and a pool busy with blocked answers
        // would run the timer below late, past Discord's deadline.
        var work = Task.Factory.StartNew(() => answers.Ask(question, Surface, LocaleOf(interaction), answer => DiscordMessages.Answer(answer, ephemeral)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var wait = options.Value.AnswerReplyWithinMilliseconds;
        var token = Text(interaction, "token");
        var application = ApplicationOf(interaction);
        if (token is null || application is null || (wait > 0 && await Task.WhenAny(work, Task.Delay(wait)) == work))
        {
            return Reply(await work);
        }

        _ = Task.Run(() => FinishDeferredAsync(work, application, token), CancellationToken.None);
        var deferred = new JsonObject { ["type"] = 5 };
        if (ephemeral)
        {
            deferred["data"] = new JsonObject { ["flags"] = DiscordMessages.Ephemeral };
        }

        return deferred;
    }

    private async Task FinishDeferredAsync(Task<JsonObject> work, string application, string token)
    {
        JsonObject message;
        try
        {
            message = await work;
        }
        catch (IndexNotReadyException)
        {
            message = DiscordMessages.Notice(NotReady);
        }
        catch (Exception e)
        {
            var reference = NewReference();
            LogInteractionFailed(e, reference, 2, DiscordCommands.Ask);
            message = DiscordMessages.Notice(Failed(reference));
        }

        // The response's visibility was chosen when deferring; an edit may not change it.
        message.Remove("flags");
        try
        {
            await rest.EditOriginalAsync(application, token, message);
        }
        catch (Exception e)
        {
            LogFollowUpFailed(e);
        }
    }

    /// <summary>
    /// The language the user's Discord client is set to (<c>locale</c>), else the server's (<c>guild_locale</c>): a
    /// tie-breaker only, for a question too short to tell its own language.
    /// </summary>
    private static Language? LocaleOf(JsonElement interaction) =>
        LanguageCodes.FromCode(Text(interaction, "locale")) ?? LanguageCodes.FromCode(Text(interaction, "guild_locale"));

    /// <summary>The application the interaction is for, as Discord states it, else the configured one.</summary>
    private string? ApplicationOf(JsonElement interaction) => Text(interaction, "application_id") ?? options.Value.ApplicationId;

    private JsonObject TimelineCommand(JsonElement interaction, JsonElement? data)
    {
        PartialDate? from = null, to = null;
        var fromText = Text(Option(data, "from"));
        var toText = Text(Option(data, "to"));
        if (!string.IsNullOrWhiteSpace(fromText) && !PartialDate.TryParse(fromText, out from))
        {
            return Reply(DiscordMessages.Notice($"“{DiscordMessages.Escape(fromText)}” is not a date I can read: try 1991, 1995-10 or October 1995."));
        }

        if (!string.IsNullOrWhiteSpace(toText) && !PartialDate.TryParse(toText, out to))
        {
            return Reply(DiscordMessages.Notice($"“{DiscordMessages.Escape(toText)}” is not a date I can read: try 1991, 1995-10 or October 1995."));
        }

        var topic = Text(Option(data, "topic"));
        var state = new TimelineState(0, from?.Iso, to?.Iso, string.IsNullOrWhiteSpace(topic) ? null : topic.Trim());
        var entries = answers.Timeline(new TimelineFilter(from, to, state.Topic));
        AttachTimelinePicture(interaction, entries);
        return Reply(DiscordMessages.TimelinePage(entries, state));
    }

    /// <summary>Discord's default largest attachment (10 MiB) when the interaction does not state its own limit.</summary>
    public const long DefaultAttachmentLimit = 10 * 1024 * 1024;

    /// <summary>
    /// Adds the timeline picture (a PNG) to the first page once it is sent. An interaction answered over HTTP cannot
    /// carry a file in the response itself, so the picture follows as a multipart edit of the original response;
    /// the text is there at once either way, and stays if the picture cannot be added.
    /// </summary>
    private void AttachTimelinePicture(JsonElement interaction, IReadOnlyList<TimelineEntry> entries)
    {
        var token = Text(interaction, "token");
        var application = ApplicationOf(interaction);
        if (entries.Count == 0 || token is null || application is null)
        {
            return;
        }

        // The limit this interaction states for an attachment (it depends on the server's boosts), else the default.
        var limit = interaction.TryGetProperty("attachment_size_limit", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt64(out var stated) && stated > 0
            ? stated
            : DefaultAttachmentLimit;
        var delay = TimeSpan.FromMilliseconds(options.Value.TimelinePictureDelayMilliseconds);
        _ = Task.Run(async () =>
        {
            try
            {
                var picture = TimelineLayout.Compute(entries);
                var png = Drawing.TimelinePng.Render(picture);
                if (png.Length > limit)
                {
                    LogPictureTooLarge(png.Length, limit);
                    return;
                }

                await Task.Delay(delay);
                var description = TimelineLayout.Fit(picture.Title.Text + ". " + picture.Description, DiscordMessages.AttachmentDescriptionLimit);
                await rest.AttachToOriginalAsync(application, token, "timeline.png", Drawing.TimelinePng.ContentType, png, description);
            }
            catch (Exception e)
            {
                LogFollowUpFailed(e);
            }
        }, CancellationToken.None);
    }

    private JsonObject TimelineMessage(TimelineState state)
    {
        PartialDate.TryParse(state.From, out var from);
        PartialDate.TryParse(state.To, out var to);
        return DiscordMessages.TimelinePage(answers.Timeline(new TimelineFilter(from, to, state.Topic)), state);
    }

    private async Task<JsonObject> ReindexCommandAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        if (ModerationRefusal(interaction, Rebuild) is { } refusal)
        {
            return Reply(DiscordMessages.Notice(refusal));
        }

        var token = Text(interaction, "token");
        var application = ApplicationOf(interaction);
        var rebuild = reindexer.ReindexAsync("discord", CancellationToken.None);
        if (await Task.WhenAny(rebuild, Task.Delay(TimeSpan.FromMilliseconds(options.Value.ReindexReplyWithinMilliseconds), cancellationToken)) == rebuild)
        {
            return Reply(DiscordMessages.Notice(ReindexReport(await rebuild)));
        }

        // Longer than Discord waits for a first response: say "thinking…" now and edit the reply when done.
        _ = Task.Run(async () =>
        {
            try
            {
                var report = ReindexReport(await rebuild);
                if (token is not null && application is not null)
                {
                    await rest.EditOriginalAsync(application, token, new JsonObject { ["content"] = DiscordMessages.Fit(report, DiscordMessages.ContentLimit), ["allowed_mentions"] = DiscordMessages.NoMentions() });
                }
            }
            catch (Exception e)
            {
                LogFollowUpFailed(e);
            }
        }, CancellationToken.None);
        return new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = DiscordMessages.Ephemeral } };
    }

    private static string ReindexReport(ReindexResult result)
    {
        var seconds = result.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (result.Succeeded)
        {
            var g = result.Generation!;
            return result.Changed
                ? $"Reindexed: {g.Documents} document(s), {g.Paragraphs} paragraphs in {seconds} s (generation {g.Number} here; content {g.ContentHash[..12]}, as /healthz reports it on every replica serving these documents)."
                : $"Nothing changed: {g.Documents} document(s), {g.Paragraphs} paragraphs already indexed (checked in {seconds} s).";
        }

        var lines = result.Errors.Select(e => $"• `{e.File}:{e.Line}` {DiscordMessages.Escape(e.Message)}");
        return $"Reindex refused, the current index stays in service. Fix {result.Errors.Count} error(s):\n" + string.Join('\n', lines);
    }

    private async Task<JsonObject> ComponentAsync(JsonElement interaction, string user, CancellationToken cancellationToken)
    {
        var customId = Text(Data(interaction), "custom_id") ?? "";
        if (TimelineState.Parse(customId) is { } state)
        {
            return new JsonObject { ["type"] = 7, ["data"] = TimelineMessage(state) };
        }

        if (DiscordMessages.SourcesPage(customId) is { } page)
        {
            return new JsonObject { ["type"] = 7, ["data"] = DiscordMessages.Sources(answers.Knowledge(), page) };
        }

        var parts = customId.Split('|');
        switch (parts)
        {
            case [DiscordDocuments.Prefix, var verb and (DiscordDocuments.ConfirmVerb or DiscordDocuments.CancelVerb), var token]:
                return await DocumentButtonAsync(interaction, user, verb == DiscordDocuments.ConfirmVerb, token);
            case ["src" or "rel", var passageId]:
                return PassageReply(passageId, answers.LanguageOf(QuestionOf(interaction), LocaleOf(interaction)));
            case [DiscordMessages.PickPrefix, var passageId]:
                return await PickAsync(interaction, user, passageId, cancellationToken);
            case [DiscordMessages.NoneOfTheseId]:
                return await NoneOfTheseAsync(interaction, user, cancellationToken);
            case ["fb", var vote and (FeedbackVote.Up or FeedbackVote.Down), var passageId]:
                // One vote per user per answer message, the last one counting (the summary keeps each user's last vote);
                // a vote that repeats the user's previous one on the same answer is not written again.
                var answer = Text(Child(interaction, "message"), "id") ?? passageId;
                var key = user + "|" + answer;
                if (!_votes.TryGetValue(key, out string? previous) || previous != vote)
                {
                    await feedback.RecordAsync(new FeedbackEntry(DateTimeOffset.UtcNow, Surface, user, QuestionOf(interaction), passageId, vote, answer), cancellationToken);
                    _votes.Set(key, vote, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(1) });
                }

                var t = ReplyText.For(answers.LanguageOf(QuestionOf(interaction), LocaleOf(interaction)));
                return Reply(DiscordMessages.Notice(vote == FeedbackVote.Up ? t.ThanksUp + " 👍" : t.ThanksDown + " 👎"));
            default:
                return Reply(DiscordMessages.Notice("That button no longer does anything; ask again with `/ask`."));
        }
    }

    /// <summary>The message a pick edits the suggestions into, and the sentence it quotes (for the feedback).</summary>
    private sealed record Picked(JsonObject Message, string? Sentence);

    /// <summary>
    /// A suggestion picked: the suggestions' message becomes that passage's answer (UPDATE_MESSAGE, with the usual
    /// source and vote buttons), and the pick is recorded, one per user per message. The question is read back from
    /// the message, as for votes.
    /// </summary>
    private async Task<JsonObject> PickAsync(JsonElement interaction, string user, string passageId, CancellationToken cancellationToken)
    {
        if (QuestionOf(interaction) is not { Length: > 0 } question)
        {
            return Reply(DiscordMessages.Notice(QuestionLost));
        }

        var picked = answers.Pick(question, passageId, Surface, LocaleOf(interaction), answer => new Picked(DiscordMessages.Answer(answer, ephemeral: false), answer.Text));
        if (picked is null)
        {
            return Reply(DiscordMessages.Notice("That passage is no longer in my sources; they were updated since. Ask again with `/ask`."));
        }

        await feedback.RecordPickAsync(new PickEntry(DateTimeOffset.UtcNow, Surface, user, ReplyOf(interaction), question, passageId, picked.Sentence), cancellationToken);
        // An update keeps the message's visibility; it may not set flags.
        picked.Message.Remove("flags");
        return new JsonObject { ["type"] = 7, ["data"] = picked.Message };
    }

    /// <summary>"None of these": recorded as a pick of no passage, and the message says so, its passages left to read.</summary>
    private async Task<JsonObject> NoneOfTheseAsync(JsonElement interaction, string user, CancellationToken cancellationToken)
    {
        if (QuestionOf(interaction) is not { Length: > 0 } question)
        {
            return Reply(DiscordMessages.Notice(QuestionLost));
        }

        answers.NoneOfThese(Surface, question);
        await feedback.RecordPickAsync(new PickEntry(DateTimeOffset.UtcNow, Surface, user, ReplyOf(interaction), question, null), cancellationToken);
        return new JsonObject { ["type"] = 7, ["data"] = DiscordMessages.NoneOfTheseNoted(answers.LanguageOf(question, LocaleOf(interaction))) };
    }

    private const string QuestionLost = "I can no longer tell which question this was for; ask again with `/ask`.";

    /// <summary>The message a button is on (the reply a pick is for); else the interaction's own id, which counts apart.</summary>
    private static string ReplyOf(JsonElement interaction) =>
        Text(Child(interaction, "message"), "id") ?? Text(interaction, "id") ?? "unknown";

    private JsonObject PassageReply(string passageId, Language language)
    {
        using var lease = live.Acquire() ?? throw new IndexNotReadyException();
        var knowledge = lease.Generation.Knowledge;
        return knowledge.TryGetPassage(passageId, out var passage)
            ? Reply(DiscordMessages.Passage(new Citation(knowledge.DocumentOf(passage), passage), language))
            : Reply(DiscordMessages.Notice("That passage is no longer in my sources; they were updated since. Ask again with `/ask`."));
    }

    private JsonObject Autocomplete(JsonElement interaction)
    {
        var data = Data(interaction);
        var typed = Child(data, "options") is { ValueKind: JsonValueKind.Array } options
            ? options.EnumerateArray().Where(o => Child(o, "focused") is { ValueKind: JsonValueKind.True })
                .Select(o => Text(Child(o, "value"))).FirstOrDefault() ?? ""
            : "";
        using var lease = live.Acquire();
        var choices = lease is null ? []
            : Text(data, "name") == DiscordCommands.RemoveDocument
                ? lease.Generation.Knowledge.Documents.Select(d => d.Id).Where(id => id.Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(25).ToList()
                : Suggestions.Matching(lease.Generation.Knowledge, typed);
        return new JsonObject
        {
            ["type"] = 8,
            ["data"] = new JsonObject
            {
                ["choices"] = new JsonArray(choices.Select(s => (JsonNode)new JsonObject { ["name"] = s, ["value"] = s }).ToArray()),
            },
        };
    }

    /// <summary>
    /// Why the caller may not take a moderator action, or null when they may: only in a server (<c>guild_id</c>) that
    /// installed the app itself (<c>authorizing_integration_owners["0"]</c> is that server, so a user install never
    /// counts), optionally only in the servers of Discord:ModeratorGuildIds, and only for members with Manage Server,
    /// Administrator or a role of Discord:ModeratorRoleIds.
    /// </summary>
    private string? ModerationRefusal(JsonElement interaction, ModeratorTask task)
    {
        var guild = Text(interaction, "guild_id");
        if (guild is null || Child(interaction, "member") is not { } member)
        {
            return $"{task.Doing} is a moderator action: use /{task.Command} in a server where PakAzBot is installed, not in a DM.";
        }

        var installedBy = Text(Child(interaction, "authorizing_integration_owners"), DiscordCommands.GuildInstall.ToString(CultureInfo.InvariantCulture));
        if (installedBy != guild)
        {
            return $"Only a server that installed PakAzBot itself can {task.Its}; here it runs from someone's own account install.";
        }

        var guilds = options.Value.ModeratorGuildIds;
        if (guilds.Length > 0 && !guilds.Contains(guild, StringComparer.Ordinal))
        {
            return $"{task.Doing} is reserved for the moderators of PakAzBot's home server; this server is not one of them.";
        }

        if (Text(member, "permissions") is { } p && long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var permissions)
            && (permissions & (DiscordCommands.ManageGuild | DiscordCommands.Administrator)) != 0)
        {
            return null;
        }

        var moderatorRoles = options.Value.ModeratorRoleIds;
        return Child(member, "roles") is { ValueKind: JsonValueKind.Array } roles
               && roles.EnumerateArray().Any(r => Text(r) is { } role && moderatorRoles.Contains(role))
            ? null
            : $"Only moderators (Manage Server, Administrator, or a moderator role) can {task.Do}.";
    }

    /// <summary>A moderators' action, worded for the refusals: "Rebuilding the index", "rebuild its index", "rebuild the index".</summary>
    private sealed record ModeratorTask(string Command, string Doing, string Its, string Do);

    private static readonly ModeratorTask Rebuild = new(DiscordCommands.Reindex, "Rebuilding the index", "rebuild its index", "rebuild the index");

    private static ModeratorTask ChangeDocuments(string command) => new(command, "Changing documents", "change its documents", "add or remove documents");

    /// <summary>
    /// /add-document (the attachment fetched from Discord's CDN, at most 1 MB) and /remove-document: a private review
    /// with Confirm and Cancel, for moderators only, as /reindex.
    /// </summary>
    private async Task<JsonObject> DocumentCommandAsync(JsonElement interaction, JsonElement? data, string? name)
    {
        if (ModerationRefusal(interaction, ChangeDocuments(name!)) is { } refusal)
        {
            return Reply(DiscordMessages.Notice(refusal));
        }

        var moderator = ModeratorOf(interaction);
        Task<JsonObject> work;
        if (name == DiscordCommands.AddDocument)
        {
            if (DiscordDocuments.Attachment(data, Text(Option(data, "file"))) is not { } attachment)
            {
                return Reply(DiscordMessages.Notice("Attach the Markdown document as the `file` option: `/add-document file:` then choose the .md file."));
            }

            work = Task.Run(async () =>
            {
                // Refused before fetching what cannot be a document: a path, a zip by name, a size over the limit.
                if (DocumentReviewer.Refusal(attachment.FileName, attachment.Size, null) is { } early)
                {
                    return DiscordMessages.Notice(early.Message);
                }

                var (bytes, failed) = await ModerationService.FetchAsync(httpClients.CreateClient(ModerationService.HttpClientName), attachment.Url, CancellationToken.None);
                if (failed is not null)
                {
                    return DiscordMessages.Notice(failed.Message);
                }

                var (review, refused) = moderation.ReviewAdd(attachment.FileName, bytes!);
                return refused is not null
                    ? DiscordMessages.Notice(refused.Message)
                    : DiscordDocuments.Review(review!, await moderation.HoldOrRefuseAsync(review!, bytes, moderator, CancellationToken.None));
            });
        }
        else
        {
            var id = Text(Option(data, "id")) ?? "";
            work = Task.Run(async () => moderation.ReviewRemove(id) is { } review
                ? DiscordDocuments.Review(review, await moderation.HoldOrRefuseAsync(review, null, moderator, CancellationToken.None))
                : DiscordMessages.Notice($"No document has the id `{DiscordMessages.Escape(id)}`; `/sources` lists them."));
        }

        return await WithinDeadlineAsync(interaction, work, deferredType: 5);
    }

    /// <summary>Confirm or Cancel on a review: only its moderator's click counts; the review message becomes the outcome.</summary>
    private async Task<JsonObject> DocumentButtonAsync(JsonElement interaction, string user, bool confirm, string token)
    {
        var moderator = ModeratorOf(interaction) with { Id = user };
        var work = Task.Run(async () =>
        {
            var result = confirm
                ? await moderation.ConfirmAsync(token, moderator, CancellationToken.None)
                : await moderation.CancelAsync(token, moderator, CancellationToken.None);
            var message = DiscordMessages.Notice(result.Message);
            message["components"] = new JsonArray();
            message["not_taken"] = result.NotTaken;
            return message;
        });
        var first = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(options.Value.ReindexReplyWithinMilliseconds)));
        if (first == work && (await work).Remove("not_taken", out var notTaken) && notTaken!.GetValue<bool>())
        {
            // Someone else's review, or one no longer waiting: said to the clicker alone, the review left as it is.
            var notice = await work;
            notice.Remove("components");
            return Reply(notice);
        }

        return await WithinDeadlineAsync(interaction, work.ContinueWith(t =>
        {
            t.Result.Remove("not_taken");
            t.Result.Remove("flags");
            return t.Result;
        }, TaskScheduler.Default), deferredType: 6, update: true);
    }

    /// <summary>
    /// The message when <paramref name="work"/> is done within Discord:ReindexReplyWithinMilliseconds; else a deferred
    /// response (5 new message, 6 update) and the original response edited once it is.
    /// </summary>
    private async Task<JsonObject> WithinDeadlineAsync(JsonElement interaction, Task<JsonObject> work, int deferredType, bool update = false)
    {
        var token = Text(interaction, "token");
        var application = ApplicationOf(interaction);
        if (token is null || application is null
            || await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(options.Value.ReindexReplyWithinMilliseconds))) == work)
        {
            return new JsonObject { ["type"] = update ? 7 : 4, ["data"] = await work };
        }

        _ = Task.Run(() => FinishDeferredAsync(work, application, token), CancellationToken.None);
        return deferredType == 5
            ? new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = DiscordMessages.Ephemeral } }
            : new JsonObject { ["type"] = 6 };
    }

    /// <summary>The moderator: the member's user id and name.</summary>
    private static Moderator ModeratorOf(JsonElement interaction)
    {
        var user = Child(Child(interaction, "member"), "user") ?? Child(interaction, "user");
        return new Moderator(Surface, Text(user, "id") ?? "unknown", Text(user, "global_name") ?? Text(user, "username") ?? "unknown");
    }

    private bool Allowed(string user) => _limiter.TryAcquire(user);

    /// <summary>The user id: a member's in a server, the user's in a DM.</summary>
    private static string UserId(JsonElement interaction) =>
        Text(Child(Child(interaction, "member"), "user") ?? Child(interaction, "user"), "id") ?? "unknown";

    /// <summary>The question of the answer message a button is on.</summary>
    private static string? QuestionOf(JsonElement interaction) => DiscordMessages.QuestionOf(Child(interaction, "message"));

    private static JsonElement? Option(JsonElement? data, string name) =>
        Child(data, "options") is { ValueKind: JsonValueKind.Array } options
            ? options.EnumerateArray().Where(o => Text(o, "name") == name).Select(o => Child(o, "value")).FirstOrDefault()
            : null;

    private static JsonElement? Data(JsonElement interaction) => Child(interaction, "data");

    /// <summary>A property of an object, or null when the element is not an object or has no such property.</summary>
    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string, or null for anything else: an option may carry a number where a command expects text.</summary>
    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static string? Text(JsonElement? parent, string name) => Text(Child(parent, name));

    private static JsonObject Reply(JsonObject message) => new() { ["type"] = 4, ["data"] = message };

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The timeline picture is {Bytes} bytes, over the {Limit}-byte attachment limit; sent without it")]
    private partial void LogPictureTooLarge(long bytes, long limit);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not edit a deferred reply on Discord")]
    private partial void LogFollowUpFailed(Exception exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Discord interaction failed, reference {Reference} (type {InteractionType}, {Command})")]
    private partial void LogInteractionFailed(Exception exception, string reference, int interactionType, string? command);
}
