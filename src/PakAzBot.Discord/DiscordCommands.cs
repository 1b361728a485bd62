using System.Text.Json.Nodes;

namespace PakAzBot.Discord;

/// <summary>
/// Every command the bot offers, defined once. <c>pakazbot discord commands</c> prints this, it is checked in as
/// deploy/discord/commands.json, and <c>pakazbot discord register</c> sends it to Discord
/// ("Application Commands" in Discord's documentation: types 1 chat input, 3 message; option types 3 string,
/// 5 boolean; default_member_permissions a permission bit set as a string).
/// </summary>
public static class DiscordCommands
{
    public const string Ask = "ask";
    public const string Timeline = "timeline";
    public const string Sources = "sources";
    public const string Reindex = "reindex";
    public const string AskMessage = "Ask PakAzBot";

    /// <summary>MANAGE_GUILD, shown in Discord as "Manage Server".</summary>
    public const long ManageGuild = 1 << 5;

    /// <summary>ADMINISTRATOR, which implies every permission.</summary>
    public const long Administrator = 1 << 3;

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
        },
        new JsonObject { ["name"] = Sources, ["type"] = 1, ["description"] = "The documents PakAzBot answers from" },
        new JsonObject
        {
            ["name"] = Reindex,
            ["type"] = 1,
            ["description"] = "Moderators: rebuild the index from the knowledge folder",
            ["default_member_permissions"] = ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        new JsonObject { ["name"] = AskMessage, ["type"] = 3 },
    ];
}
