using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Web;

/// <summary>
/// The JSON API. Bad input is answered with a JSON error that says what to fix, never a 500:
/// 400 for a bad question or parameter, 413 for a body over 64 KB, 415 for a body that is not JSON.
/// </summary>
internal static class WebChatApi
{
    public const string Surface = "web";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxQuestionLength = Core.Answering.Answerer.MaxQuestionLength;

    public static async Task<IResult> Ask(HttpContext context, AnswerService answers)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "Send the question as JSON, with Content-Type: application/json, such as {\"question\": \"When did Pakistan recognize Azerbaijan?\"}");
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxBodyBytes / 1024} KB; a question is at most {MaxQuestionLength} characters.");
        }

        if (!BoundedBody.TryParseJson(body, out var json, out var problem))
        {
            return Error(StatusCodes.Status400BadRequest, problem + " Send {\"question\": \"…\"}.");
        }

        string? question;
        using (json)
        {
            question = json.RootElement.ValueKind == JsonValueKind.Object
                       && json.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String
                ? q.GetString()
                : null;
        }

        if (question is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The body needs a \"question\" string, such as {\"question\": \"When did Pakistan recognize Azerbaijan?\"}.");
        }

        var cleaned = Core.Text.QuestionNormalizer.Normalize(question);
        if (cleaned.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "The question is empty; ask something about Pakistan–Azerbaijan relations.");
        }

        // Measured before normalizing, so what the client sent decides, not what cleanup left of it.
        if (question.Trim().Length > MaxQuestionLength)
        {
            return Error(StatusCodes.Status400BadRequest, $"The question is longer than {MaxQuestionLength} characters; please shorten it.");
        }

        try
        {
            // Rendered inside Ask, so a reply that cannot be written counts as an error, not as answered.
            return answers.Ask(cleaned, Surface, answer => Json(JsonContract.Answer(answer)));
        }
        catch (IndexNotReadyException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    public static IResult Timeline(AnswerService answers, string? from, string? to, string? topic)
    {
        PartialDate? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from) && !PartialDate.TryParse(from, out start))
        {
            return Error(StatusCodes.Status400BadRequest, $"from '{from}' is not a date: use 1991, 1995-10, 1991-12-12 or 'October 1995'.");
        }

        if (!string.IsNullOrWhiteSpace(to) && !PartialDate.TryParse(to, out end))
        {
            return Error(StatusCodes.Status400BadRequest, $"to '{to}' is not a date: use 1991, 1995-10, 1991-12-12 or 'October 1995'.");
        }

        if (start is not null && end is not null && start.Start > end.End)
        {
            return Error(StatusCodes.Status400BadRequest, $"from {start.Iso} is after to {end.Iso}.");
        }

        if (topic?.Length > MaxQuestionLength)
        {
            return Error(StatusCodes.Status400BadRequest, $"The topic is longer than {MaxQuestionLength} characters.");
        }

        try
        {
            return Json(JsonContract.Timeline(answers.Timeline(new TimelineFilter(start, end, topic))));
        }
        catch (IndexNotReadyException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    public static IResult Sources(AnswerService answers)
    {
        try
        {
            return Json(JsonContract.Sources(answers.Knowledge()));
        }
        catch (IndexNotReadyException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    public static async Task<IResult> Reindex(HttpContext context, IReindexer reindexer, IOptions<AdminOptions> admin, AdminGuard guard, TimeProvider clock)
    {
        var (outcome, retryAt) = guard.Check(ClientAddress.Of(context), context.Request.Headers.Authorization.ToString(), admin.Value.Token!);
        if (outcome == AdminGuard.Outcome.Throttled)
        {
            context.Response.Headers.RetryAfter = AlignedWindow.RetryAfter(retryAt, clock.GetUtcNow());
            return Error(StatusCodes.Status429TooManyRequests, $"Too many wrong admin tokens from your address (at most {AdminGuard.MaxFailures} a minute): wait the Retry-After seconds, then send the right Admin:Token.");
        }

        if (outcome == AdminGuard.Outcome.Refused)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "The admin API needs the Admin:Token as a bearer token: Authorization: Bearer <token>.");
        }

        var result = await reindexer.ReindexAsync("admin-api", context.RequestAborted);
        var json = ReindexJson(result);
        return result.Succeeded ? Json(json) : Json(json, StatusCodes.Status422UnprocessableEntity);
    }

    public static JsonObject ReindexJson(ReindexResult result) => new()
    {
        ["succeeded"] = result.Succeeded,
        ["changed"] = result.Changed,
        ["generation"] = result.Generation?.Number,
        ["documents"] = result.Generation?.Documents,
        ["paragraphs"] = result.Generation?.Paragraphs,
        ["contentHash"] = result.Generation?.ContentHash,
        ["durationMs"] = Math.Round(result.Duration.TotalMilliseconds, 1),
        ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode)new JsonObject
        {
            ["file"] = e.File,
            ["line"] = e.Line,
            ["message"] = e.Message,
        }).ToArray()),
    };

    public static IResult Error(int status, string message) => Json(JsonContract.Error(status, message), status);

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(JsonContract.Compact), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The body as bytes, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
}
