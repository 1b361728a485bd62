using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Serving;

namespace PakAzBot.Discord;

/// <summary>Buttons, menus and autocomplete: timeline and sources pages, votes, picks among suggestions, the passages a user opens.</summary>
public sealed partial class DiscordInteractions
{
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
}
