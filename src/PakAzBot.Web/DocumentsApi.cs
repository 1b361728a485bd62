using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;

namespace PakAzBot.Web;

/// <summary>
/// The admin API's documents: <c>POST /api/admin/documents</c> (multipart field <c>file</c>) adds or replaces one,
/// <c>DELETE /api/admin/documents/{id}</c> removes one. With <c>?dryRun=true</c> only the review comes back (200);
/// without it the change is validated and applied in one call: 200 with the review and the new content hash, 422
/// with the problems. A file that is no document (too large 413, a zip or binary 415, a path for a name 400, already
/// there unchanged 409) changes nothing; an unknown id is 404. Every outcome is in the audit trail.
/// </summary>
internal static class DocumentsApi
{
    /// <summary>The body may hold the document, the multipart framing and nothing much else.</summary>
    private const int MaxBodyBytes = DocumentReviewer.MaxDocumentBytes + 64 * 1024;

    public static async Task<IResult> Add(HttpContext context, ModerationService moderation, IOptions<AdminOptions> admin, AdminGuard guard, TimeProvider clock, bool? dryRun)
    {
        if (WebChatApi.AdminRefusal(context, admin, guard, clock) is { } refused)
        {
            return refused;
        }

        if (!context.Request.HasFormContentType || !context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return WebChatApi.Error(StatusCodes.Status415UnsupportedMediaType, "Send the document as multipart/form-data with a field \"file\": curl -F file=@my-article.md …");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBodyBytes, ValueCountLimit = 16 }, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // A multipart body over the limit, or one whose framing cannot be read.
            return context.Request.ContentLength is null or > DocumentReviewer.MaxDocumentBytes
                ? TooLarge()
                : WebChatApi.Error(StatusCodes.Status400BadRequest, "The multipart body could not be read; send it as curl -F file=@my-article.md does.");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return WebChatApi.Error(StatusCodes.Status400BadRequest, "The form needs a file field named \"file\": curl -F file=@my-article.md …");
        }

        if (file.Length > DocumentReviewer.MaxDocumentBytes)
        {
            return TooLarge();
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, context.RequestAborted);
        }

        var (review, refusal) = moderation.ReviewAdd(file.FileName, bytes);
        return await Finish(context, moderation, review, refusal, bytes, dryRun == true);
    }

    public static async Task<IResult> Remove(HttpContext context, ModerationService moderation, IOptions<AdminOptions> admin, AdminGuard guard, TimeProvider clock, string id, bool? dryRun)
    {
        if (WebChatApi.AdminRefusal(context, admin, guard, clock) is { } refused)
        {
            return refused;
        }

        var review = id.Length <= Core.Knowledge.KnowledgeLoader.MaxIdLength ? moderation.ReviewRemove(id) : null;
        return review is null
            ? WebChatApi.Error(StatusCodes.Status404NotFound, "No document has that id; GET /api/sources lists them.")
            : await Finish(context, moderation, review, null, null, dryRun == true);
    }

    private static async Task<IResult> Finish(HttpContext context, ModerationService moderation, DocumentReview? review, DocumentRefusal? refusal, byte[]? bytes, bool dryRun)
    {
        if (refusal is not null)
        {
            return WebChatApi.Error(refusal.Status, refusal.Message);
        }

        var json = ReviewJson(review!);
        if (dryRun)
        {
            json["dryRun"] = true;
            return WebChatApi.Json(json);
        }

        var moderator = new Moderator("admin-api", "admin-token", $"admin API from {ClientAddress.Of(context)}");
        if (!review!.Valid)
        {
            await moderation.RecordCancelledAsync(review, moderator, "refused: the review found problems", CancellationToken.None);
            return WebChatApi.Json(json, StatusCodes.Status422UnprocessableEntity);
        }

        // Applied whatever happens to the request from here: a change half made is worse than a reply lost.
        var result = await moderation.ApplyAsync(review, ModerationService.ChangeOf(review, bytes), moderator, CancellationToken.None);
        json["applied"] = result.Succeeded;
        json["message"] = result.Message;
        json["contentHash"] = result.HashAfter;
        json["commit"] = result.Commit;
        return WebChatApi.Json(json, result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);
    }

    private static IResult TooLarge() =>
        WebChatApi.Error(StatusCodes.Status413PayloadTooLarge, $"The document is larger than {DocumentReviewer.MaxDocumentBytes / 1024} KB; split it into several.");

    public static JsonObject ReviewJson(DocumentReview review) => new()
    {
        ["action"] = review.Action.ToString().ToLowerInvariant(),
        ["id"] = review.Id,
        ["file"] = review.File,
        ["title"] = review.Title,
        ["publisher"] = review.Publisher,
        ["published"] = review.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["paragraphs"] = review.Paragraphs,
        ["datedStatements"] = review.DatedStatements,
        ["replaces"] = review.Replaces,
        ["valid"] = review.Valid,
        ["problems"] = new JsonArray(review.Problems.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
        ["samples"] = new JsonArray(review.Samples.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        ["contentHashBefore"] = review.HashBefore,
        ["contentHashAfter"] = review.HashAfter,
    };
}
