using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
