using System.Text.Json;
using System.Text.Json.Nodes;
using PakAzBot.Core.Moderation;

namespace PakAzBot.Discord;

/// <summary>
/// /add-document and /remove-document: the review as a private message with Confirm and Cancel buttons
/// ("Message Components": an action row, type 1, of buttons, type 2; styles 3 success, 2 secondary), whose
/// custom ids carry the pending review's token.
/// </summary>
internal static class DiscordDocuments
{
    public const string Prefix = "doc";
    public const string ConfirmVerb = "ok", CancelVerb = "no";

    /// <summary>The review, with buttons when it can be confirmed.</summary>
    public static JsonObject Review(DocumentReview review, string? token)
    {
        var text = string.Join('\n', review.Lines().Select(DiscordMessages.Escape));
        var message = DiscordMessages.Notice(token is null
            ? text
            : text + $"\nConfirm within {PendingReviews.Lifetime.TotalMinutes:0} minutes; only you can.");
        if (token is not null)
        {
            message["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(
                    new JsonObject { ["type"] = 2, ["style"] = 3, ["label"] = "Confirm", ["custom_id"] = $"{Prefix}|{ConfirmVerb}|{token}" },
                    new JsonObject { ["type"] = 2, ["style"] = 2, ["label"] = "Cancel", ["custom_id"] = $"{Prefix}|{CancelVerb}|{token}" }),
            });
        }

        return message;
    }

    /// <summary>The attachment of the option <paramref name="name"/>: its file name, address and declared size.</summary>
    public static (string FileName, string Url, long Size)? Attachment(JsonElement? data, string? attachmentId)
    {
        if (attachmentId is null || data is not { ValueKind: JsonValueKind.Object } d
            || !d.TryGetProperty("resolved", out var resolved) || resolved.ValueKind != JsonValueKind.Object
            || !resolved.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Object
            || !attachments.TryGetProperty(attachmentId, out var attachment) || attachment.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fileName = attachment.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var url = attachment.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var size = attachment.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : 0;
        return fileName is null || url is null ? null : (fileName, url, size);
    }
}
