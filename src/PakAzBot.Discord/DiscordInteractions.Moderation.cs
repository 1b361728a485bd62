using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;

namespace PakAzBot.Discord;

/// <summary>The moderators' commands, /reindex, /add-document and /remove-document: who may use them, the review, and replies past Discord's deadline.</summary>
public sealed partial class DiscordInteractions
{
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
}
