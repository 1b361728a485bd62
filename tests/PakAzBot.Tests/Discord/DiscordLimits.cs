using System.Text.Json.Nodes;
using PakAzBot.Discord;

namespace PakAzBot.Tests.Discord;

/// <summary>
/// Every limit Discord documents for what the bot sends: "Embed Limits" (title 256, description 4096, 25 fields,
/// field name 256, field value 1024, footer 2048, author name 256, and 6000 characters across all embeds of a
/// message, at most 10 embeds), message content 2000, and "Message Components" (5 rows of at most 5 buttons, labels of
/// 80 characters, custom_id of 100 characters, unique in the message).
/// </summary>
internal static class DiscordLimits
{
    public static void AssertWithin(JsonObject message, string what)
    {
        var content = message["content"]?.GetValue<string>();
        Assert.True(content is null || content.Length <= DiscordMessages.ContentLimit, $"{what}: content has {content?.Length} characters");
        var embeds = message["embeds"]?.AsArray() ?? [];
        Assert.True(embeds.Count <= DiscordMessages.MaxEmbeds, $"{what}: {embeds.Count} embeds");
        Assert.True(content is { Length: > 0 } || embeds.Count > 0, $"{what}: an empty message");
        var total = 0;
        foreach (var embed in embeds.Select(e => e!.AsObject()))
        {
            total += Within(embed["title"]?.GetValue<string>(), 0, DiscordMessages.TitleLimit, what + ": title");
            total += Within(embed["description"]?.GetValue<string>(), 1, DiscordMessages.DescriptionLimit, what + ": description");
            total += Within(embed["author"]?["name"]?.GetValue<string>(), 1, DiscordMessages.TitleLimit, what + ": author name");
            total += Within(embed["footer"]?["text"]?.GetValue<string>(), 1, DiscordMessages.FooterLimit, what + ": footer");
            var fields = embed["fields"]?.AsArray() ?? [];
            Assert.True(fields.Count <= DiscordMessages.FieldLimit, $"{what}: {fields.Count} fields");
            foreach (var field in fields)
            {
                total += Within(field!["name"]!.GetValue<string>(), 1, DiscordMessages.TitleLimit, what + ": field name");
                total += Within(field["value"]!.GetValue<string>(), 1, DiscordMessages.FieldValueLimit, what + ": field value");
            }
        }

        Assert.True(total <= DiscordMessages.EmbedTotalLimit, $"{what}: the embeds have {total} characters");
        var rows = message["components"]?.AsArray() ?? [];
        Assert.True(rows.Count <= DiscordMessages.MaxRows, $"{what}: {rows.Count} rows");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in rows.SelectMany(r => r!["components"]!.AsArray()))
        {
            Assert.True(button!["label"]!.GetValue<string>().Length is > 0 and <= DiscordMessages.ButtonLabelLimit, $"{what}: a button label");
            var id = button["custom_id"]!.GetValue<string>();
            Assert.True(id.Length is > 0 and <= DiscordMessages.CustomIdLimit, $"{what}: custom_id '{id}'");
            Assert.True(ids.Add(id), $"{what}: custom_id '{id}' twice");
        }

        Assert.All(rows, r => Assert.InRange(r!["components"]!.AsArray().Count, 1, DiscordMessages.ButtonsPerRow));
    }

    private static int Within(string? text, int min, int max, string what)
    {
        if (text is null)
        {
            return 0;
        }

        Assert.True(text.Length >= min && text.Length <= max, $"{what} has {text.Length} characters, not {min} to {max}");
        return text.Length;
    }
}
