using System.Text.Json.Nodes;

namespace PakAzBot.Discord;

/// <summary>
/// Every command the bot offers, defined once. <c>pakazbot discord commands</c> prints this, it is checked in as
/// deploy/discord/commands.json, and <c>pakazbot discord register</c> sends it to Discord
/// ("Application Commands" in Discord's documentation: types 1 chat input, 3 message; option types 3 string,
/// 5 boolean, 11 attachment; default_member_permissions a permission bit set as a string).
/// </summary>
public static class DiscordCommands
{
    public const string Ask = "ask";
    public const string Timeline = "timeline";
    public const string Sources = "sources";
    public const string Reindex = "reindex";
    public const string AddDocument = "add-document";
    public const string RemoveDocument = "remove-document";
    public const string AskMessage = "Ask PakAzBot";

    /// <summary>MANAGE_GUILD, shown in Discord as "Manage Server".</summary>
    public const long ManageGuild = 1 << 5;

    /// <summary>ADMINISTRATOR, which implies every permission.</summary>
    public const long Administrator = 1 << 3;

    /// <summary>Interaction context types: in a server, in the bot's DM, in other DMs and group DMs.</summary>
    public const int GuildContext = 0, BotDmContext = 1, PrivateChannelContext = 2;

    /// <summary>Application integration types: installed to a server, installed to a user.</summary>
    public const int GuildInstall = 0, UserInstall = 1;

    // The reading commands work wherever the app is installed; new applications are installable to both servers and
    // users, so everything is declared rather than left to Discord's defaults.
    private static JsonArray Everywhere() => [GuildContext, BotDmContext, PrivateChannelContext];

    private static JsonArray AnyInstall() => [GuildInstall, UserInstall];

    /// <summary>A moderators' command: as /reindex, only in a server that installed the app, Manage Server by default.</summary>
    private static JsonObject Moderators(string name, string description, JsonObject option) => new()
    {
        ["name"] = name,
        ["type"] = 1,
        ["description"] = description,
        ["options"] = new JsonArray(option),
        ["default_member_permissions"] = ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["contexts"] = new JsonArray(GuildContext),
        ["integration_types"] = new JsonArray(GuildInstall),
    };

    public static JsonArray Definitions() =>
    [
        new JsonObject
        {
            ["name"] = Ask,
            ["type"] = 1,
            ["description"] = "Ask about Pakistan–Azerbaijan relations; the answer quotes its source",
            ["options"] = new JsonArray
            {
                new JsonObject { ["name"] = "question", ["type"] = 3, ["description"] = "Your question", ["required"] = true, ["autocomplete"] = true, ["max_length"] = 500 },
                new JsonObject { ["name"] = "private", ["type"] = 5, ["description"] = "Show the answer only to you" },
            },
            ["contexts"] = Everywhere(),
            ["integration_types"] = AnyInstall(),
        },
        new JsonObject
        {
            ["name"] = Timeline,
            ["type"] = 1,
            ["description"] = "Dated statements from the sources, oldest first",
            ["options"] = new JsonArray
            {
                new JsonObject { ["name"] = "from", ["type"] = 3, ["description"] = "Earliest date: 1991, 1995-10 or October 1995" },
                new JsonObject { ["name"] = "to", ["type"] = 3, ["description"] = "Latest date, in the same forms" },
                new JsonObject { ["name"] = "topic", ["type"] = 3, ["description"] = "Only statements about these words", ["max_length"] = 60 },
            },
            ["contexts"] = Everywhere(),
            ["integration_types"] = AnyInstall(),
        },
        new JsonObject
        {
            ["name"] = Sources, ["type"] = 1, ["description"] = "The documents PakAzBot answers from",
            ["contexts"] = Everywhere(), ["integration_types"] = AnyInstall(),
        },
        new JsonObject
        {
            ["name"] = Reindex,
            ["type"] = 1,
            ["description"] = "Moderators: rebuild the index from the knowledge folder",
            ["default_member_permissions"] = ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Only in a server, and only where the server itself installed the app: a user install must never rebuild the index.
            ["contexts"] = new JsonArray(GuildContext),
            ["integration_types"] = new JsonArray(GuildInstall),
        },
        Moderators(AddDocument, "Moderators: add or replace a document (a .md file), after a review",
            new JsonObject { ["name"] = "file", ["type"] = 11, ["description"] = "The Markdown document (.md, at most 1 MB)", ["required"] = true }),
        Moderators(RemoveDocument, "Moderators: remove a document, after a review",
            new JsonObject { ["name"] = "id", ["type"] = 3, ["description"] = "The document's id", ["required"] = true, ["autocomplete"] = true, ["max_length"] = 64 }),
        new JsonObject { ["name"] = AskMessage, ["type"] = 3, ["contexts"] = Everywhere(), ["integration_types"] = AnyInstall() },
    ];
}
