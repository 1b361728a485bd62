using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PakAzBot.Discord;

/// <summary>The pieces every message is made of: the message, its embed fitted within Discord's limits, fields, button rows, and Markdown escaping.</summary>
public static partial class DiscordMessages
{
    private static string Quote(string text) => string.Join('\n', Escape(text).Split('\n').Select(l => "> " + l));

    private static JsonObject Message(JsonObject embed, JsonArray? components, bool ephemeral)
    {
        var message = new JsonObject
        {
            ["embeds"] = new JsonArray { embed },
            ["allowed_mentions"] = NoMentions(),
        };
        if (components is not null)
        {
            message["components"] = components;
        }

        if (ephemeral)
        {
            message["flags"] = Ephemeral;
        }

        return message;
    }

    private static JsonObject Embed(string? author, string? title, string description, int color, JsonArray? fields = null, string? footer = null)
    {
        var embed = new JsonObject { ["color"] = color };
        var used = 0;
        if (author is not null)
        {
            var name = Fit(author, TitleLimit);
            embed["author"] = new JsonObject { ["name"] = name };
            used += name.Length;
        }

        if (title is not null)
        {
            var t = Fit(Escape(title), TitleLimit);
            embed["title"] = t;
            used += t.Length;
        }

        if (fields is not null)
        {
            foreach (var field in fields.OfType<JsonObject>())
            {
                used += field["name"]!.GetValue<string>().Length + field["value"]!.GetValue<string>().Length;
            }

            embed["fields"] = fields;
        }

        if (footer is not null)
        {
            var f = Fit(footer, FooterLimit);
            embed["footer"] = new JsonObject { ["text"] = f };
            used += f.Length;
        }

        // The description gets what the 6000-character budget across the embed leaves; callers keep the rest small
        // enough that a readable description always remains.
        var budget = Math.Min(DescriptionLimit, EmbedTotalLimit - used);
        if (budget < MinDescription)
        {
            throw new InvalidOperationException($"an embed's title, author, fields and footer take {used} of Discord's {EmbedTotalLimit} characters");
        }

        embed["description"] = Fit(description, budget);
        return embed;
    }

    private static JsonObject Field(string name, string value, bool inline) => new()
    {
        ["name"] = Fit(Escape(name), TitleLimit),
        ["value"] = Fit(Escape(value), FieldValueLimit),
        ["inline"] = inline,
    };

    private static JsonObject Row(JsonArray buttons) => buttons.Count > ButtonsPerRow
        ? throw new InvalidOperationException("a row holds at most five buttons")
        : new JsonObject { ["type"] = 1, ["components"] = buttons };

    private static JsonObject Button(string label, string customId, int style = 2, bool disabled = false) => new()
    {
        ["type"] = 2,
        ["style"] = style,
        ["label"] = Fit(label, ButtonLabelLimit),
        ["custom_id"] = customId,
        ["disabled"] = disabled,
    };

    [GeneratedRegex(@"[\\*_~`|>#\-\[\]()]")]
    private static partial Regex MarkdownSpecial();

    [GeneratedRegex(@"\\([\\*_~`|>#\-\[\]()])")]
    private static partial Regex EscapedSpecial();
}
