using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Text;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Turns a MESSAGE_CREATE into a question when it is one for the bot: it mentions the bot (not only @everyone), it is
/// a DM to the bot, or it replies to one of the bot's answers; never a bot's message, the bot's own included. The
/// answer is the /ask reply (embed and buttons, whose clicks come back as interactions), posted as a reply to the
/// message with every mention off. Each message is answered once, however often the Gateway delivers it.
/// </summary>
internal sealed partial class GatewayQuestions(
    AnswerService answers,
    DiscordRestClient rest,
    IOptions<RateLimitOptions> rateLimit,
    GatewayTimings timings,
    TimeProvider clock,
    ILogger<GatewayQuestions> logger) : IDisposable
{
    // MESSAGE_CREATE types 0 (DEFAULT) and 19 (REPLY) are what people write; the rest are system messages.
    private static readonly int[] AskingTypes = [0, 19];

    private readonly PerUserRateLimiter _limiter = new(rateLimit.Value);
    private readonly MemoryCache _answered = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly Lock _answeredGate = new();

    /// <summary>Answers that have not been posted yet, so a test or a shutdown can wait for them.</summary>
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>The Gateway's dispatch callback: starts answering and returns at once, so the connection reads on.</summary>
    public void OnDispatch(string type, JsonElement data, string? botUserId)
    {
        if (type == "MESSAGE_CREATE" && botUserId is not null)
        {
            Interlocked.Increment(ref _pending);
            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(data, botUserId, CancellationToken.None);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            });
        }
    }

    /// <summary>Why the message is a question for the bot ("mention", "dm", "reply"), or null when it is not one.</summary>
    public static string? Addressed(JsonElement message, string botUserId)
    {
        var author = Child(message, "author");
        if (author is null || Child(author, "bot") is { ValueKind: JsonValueKind.True } || Text(author, "id") == botUserId
            || Child(message, "webhook_id") is not null
            || Child(message, "type") is not { ValueKind: JsonValueKind.Number } type || !type.TryGetInt32(out var t) || !AskingTypes.Contains(t))
        {
            return null;
        }

        if (Child(message, "message_reference") is not null && Text(Child(Child(message, "referenced_message"), "author"), "id") == botUserId)
        {
            return "reply";
        }

        if (Child(message, "mentions") is { ValueKind: JsonValueKind.Array } mentions
            && mentions.EnumerateArray().Any(m => Text(m, "id") == botUserId))
        {
            return "mention";
        }

        return Text(message, "guild_id") is null ? "dm" : null;
    }

    public async Task HandleAsync(JsonElement message, string botUserId, CancellationToken cancellationToken)
    {
        try
        {
            var why = Addressed(message, botUserId);
            var id = Text(message, "id");
            var channel = Text(message, "channel_id");
            if (why is null || id is null || channel is null || !FirstTime(id))
            {
                return;
            }

            var user = Text(Child(message, "author"), "id") ?? "unknown";
            var question = QuestionNormalizer.Normalize(Text(message, "content") ?? "");
            if (why == "reply" && question.Length > 0)
            {
                question = QuestionNormalizer.Normalize(FollowUp.Combine(DiscordMessages.QuestionOf(Child(message, "referenced_message")), question));
            }

            JsonObject reply;
            if (!_limiter.TryAcquire(user))
            {
                reply = DiscordMessages.Notice("Slow down a little: you have asked a lot in a short time. Please try again in a minute.");
            }
            else if (question.Length == 0)
            {
                reply = DiscordMessages.Notice("Ask me a question about Pakistan and Azerbaijan, such as “@PakAzBot when did Pakistan recognize Azerbaijan?”");
            }
            else
            {
                reply = await AnswerAsync(question, channel, cancellationToken);
            }

            await rest.CreateMessageAsync(channel, AsReplyTo(reply, message, id, channel), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogReplyFailed(e, Text(message, "id"));
        }
    }

    /// <summary>True the first time a message id is seen: a resume replays events, and Discord may send one twice.</summary>
    private bool FirstTime(string id)
    {
        lock (_answeredGate)
        {
            if (_answered.TryGetValue(id, out _))
            {
                return false;
            }

            _answered.Set(id, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(6) });
            return true;
        }
    }

    private async Task<JsonObject> AnswerAsync(string question, string channel, CancellationToken cancellationToken)
    {
        // On its own thread, as for /ask: answering blocks, and the typing timer below must run on time.
        var work = Task.Factory.StartNew(() => answers.Ask(question, DiscordInteractions.Surface, null, answer => DiscordMessages.Answer(answer, ephemeral: false)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await KeepTypingAsync(work, channel, cancellationToken);
        try
        {
            return await work;
        }
        catch (IndexNotReadyException)
        {
            return DiscordMessages.Notice(DiscordInteractions.NotReady);
        }
        catch (Exception e)
        {
            var reference = DiscordInteractions.NewReference();
            LogAnswerFailed(e, reference);
            return DiscordMessages.Notice(DiscordInteractions.Failed(reference));
        }
    }

    /// <summary>The typing indicator once the answer takes longer than a second, renewed until it is ready.</summary>
    private async Task KeepTypingAsync(Task work, string channel, CancellationToken cancellationToken)
    {
        var wait = timings.TypingAfter;
        while (await Task.WhenAny(work, Task.Delay(wait, clock, cancellationToken)) != work)
        {
            try
            {
                await rest.TriggerTypingAsync(channel, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LogTypingFailed(e.Message);
            }

            wait = timings.TypingEvery;
        }
    }

    /// <summary>
    /// The reply refers to the question ("Message", Message Reference; fail_if_not_exists false posts it even when the
    /// question was deleted meanwhile) and pings no one, not even its author.
    /// </summary>
    private static JsonObject AsReplyTo(JsonObject reply, JsonElement message, string id, string channel)
    {
        reply.Remove("flags");
        var reference = new JsonObject { ["message_id"] = id, ["channel_id"] = channel, ["fail_if_not_exists"] = false };
        if (Text(message, "guild_id") is { } guild)
        {
            reference["guild_id"] = guild;
        }

        reply["message_reference"] = reference;
        reply["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["replied_user"] = false };
        return reply;
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _answered.Dispose();
    }

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement? parent, string name) => Child(parent, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: could not reply to message {MessageId}")]
    private partial void LogReplyFailed(Exception exception, string? messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord Gateway: answering failed, reference {Reference}")]
    private partial void LogAnswerFailed(Exception exception, string reference);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord Gateway: typing indicator not shown: {Reason}")]
    private partial void LogTypingFailed(string reason);
}
