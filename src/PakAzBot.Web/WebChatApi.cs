using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Web;

/// <summary>
/// The JSON API. Bad input is answered with a JSON error that says what to fix, never a 500:
/// 400 for a bad question, id or parameter, 404 for a pick of a passage not in the sources, 413 for a body over
/// 64 KB, 415 for a body that is not JSON.
/// </summary>
internal static partial class WebChatApi
{
    public const string Surface = "web";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxQuestionLength = Core.Answering.Answerer.MaxQuestionLength;

    /// <summary>The longest "locale" an ask may carry: a language tag with script, region and a variant or two.</summary>
    public const int MaxLocaleLength = 35;

    /// <summary>The longest passage id a pick may name (a document id is at most 64 characters, then "#" and a number).</summary>
    public const int MaxPassageIdLength = Core.Knowledge.KnowledgeLoader.MaxIdLength + 12;

    private const string AskExample = "{\"question\": \"When did Pakistan recognize Azerbaijan?\"}";
    private const string PickExample = "{\"question\": \"…\", \"passageId\": \"…#11\", \"replyId\": \"…\", \"clientId\": \"…\"}";
    private const string NoneExample = "{\"question\": \"…\", \"replyId\": \"…\", \"clientId\": \"…\"}";

    /// <summary>
    /// The question's answer, with the id of this reply (<c>replyId</c>), which a pick among its suggestions names.
    /// </summary>
    public static async Task<IResult> Ask(HttpContext context, AnswerService answers)
    {
        var (fields, error) = await ReadFieldsAsync(context, AskExample, "question", "locale");
        if (error is not null)
        {
            return error;
        }

        if (fields!["question"] is not { } question)
        {
            return Error(StatusCodes.Status400BadRequest, $"The body needs a \"question\" string, such as {AskExample}.");
        }

        if (CheckQuestion(question, out var cleaned) is { } bad)
        {
            return bad;
        }

        // The browser's language (navigator.language), a tie-breaker for a question too short to tell its own;
        // one Core does not know is ignored, one longer than any BCP 47 tag a browser sends is refused.
        if (fields["locale"] is { Length: > MaxLocaleLength })
        {
            return Error(StatusCodes.Status400BadRequest, $"The \"locale\" is longer than {MaxLocaleLength} characters; send the browser's language, such as \"ur-PK\", or leave it out.");
        }

        var hint = Core.Languages.LanguageCodes.FromCode(fields["locale"]);
        try
        {
            // Rendered inside Ask, so a reply that cannot be written counts as an error, not as answered.
            var replyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            return answers.Ask(cleaned, Surface, hint, answer => Json(WithReplyId(JsonContract.Answer(answer), replyId)));
        }
        catch (IndexNotReadyException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    /// <summary>
    /// A user picked one of a reply's suggestions: that passage's answer to the question (the ask JSON, with
    /// <c>"picked": true</c>), and the pick recorded as feedback, one per client per reply. 404 when the passage is
    /// not in the sources (any more).
    /// </summary>
    public static async Task<IResult> Pick(HttpContext context, AnswerService answers, IFeedbackStore feedback)
    {
        var (fields, error) = await ReadFieldsAsync(context, PickExample, "question", "passageId", "replyId", "clientId");
        if (error is not null)
        {
            return error;
        }

        if (CheckPick(fields!, PickExample, out var cleaned) is { } bad)
        {
            return bad;
        }

        if (fields!["passageId"] is not { Length: > 0 and <= MaxPassageIdLength } passageId)
        {
            return Error(StatusCodes.Status400BadRequest, $"The body needs a \"passageId\" string of at most {MaxPassageIdLength} characters, the passageId of one of the reply's suggestions: {PickExample}.");
        }

        JsonObject? picked;
        try
        {
            picked = answers.Pick(cleaned, passageId, Surface, answer => WithReplyId(JsonContract.Answer(answer), fields["replyId"]!));
        }
        catch (IndexNotReadyException e)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        if (picked is null)
        {
            return Error(StatusCodes.Status404NotFound, "That passage is not in my sources (they may have been updated since): ask the question again.");
        }

        await feedback.RecordPickAsync(
            new PickEntry(DateTimeOffset.UtcNow, Surface, fields["clientId"]!, fields["replyId"]!, cleaned, passageId, picked["answer"]?.GetValue<string>()),
            context.RequestAborted);
        return Json(picked);
    }

    /// <summary>None of a reply's suggestions answers the question: recorded as feedback, as a pick is.</summary>
    public static async Task<IResult> NoneOfThese(HttpContext context, AnswerService answers, IFeedbackStore feedback)
    {
        var (fields, error) = await ReadFieldsAsync(context, NoneExample, "question", "replyId", "clientId");
        if (error is not null)
        {
            return error;
        }

        if (CheckPick(fields!, NoneExample, out var cleaned) is { } bad)
        {
            return bad;
        }

        answers.NoneOfThese(Surface, cleaned);
        await feedback.RecordPickAsync(new PickEntry(DateTimeOffset.UtcNow, Surface, fields!["clientId"]!, fields["replyId"]!, cleaned, null), context.RequestAborted);
        return Json(new JsonObject { ["recorded"] = true, ["replyId"] = fields["replyId"] });
    }

    private static JsonObject WithReplyId(JsonObject answer, string replyId)
    {
        answer["replyId"] = replyId;
        return answer;
    }

    /// <summary>The question of a pick, and the ids that say whose pick on which reply it is.</summary>
    private static IResult? CheckPick(Dictionary<string, string?> fields, string example, out string cleaned)
    {
        cleaned = "";
        foreach (var id in new[] { "replyId", "clientId" })
        {
            if (fields[id] is not { } value || !IdPattern().IsMatch(value))
            {
                return Error(StatusCodes.Status400BadRequest,
                    $"The body needs a \"{id}\" string of 8 to 64 letters, digits, '-' or '_' ({(id == "replyId" ? "the replyId of the answer that offered the suggestions" : "the random id the page keeps for this browser")}): {example}.");
            }
        }

        return fields["question"] is { } question
            ? CheckQuestion(question, out cleaned)
            : Error(StatusCodes.Status400BadRequest, $"The body needs the \"question\" string the suggestions were for: {example}.");
    }

    /// <summary>The question cleaned as on every surface, or the 400 that says what is wrong with it.</summary>
    private static IResult? CheckQuestion(string question, out string cleaned)
    {
        cleaned = Core.Text.QuestionNormalizer.Normalize(question);
        if (cleaned.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "The question is empty; ask something about Pakistan–Azerbaijan relations.");
        }

        // Measured before normalizing, so what the client sent decides, not what cleanup left of it.
        return question.Trim().Length > MaxQuestionLength
            ? Error(StatusCodes.Status400BadRequest, $"The question is longer than {MaxQuestionLength} characters; please shorten it.")
            : null;
    }

    /// <summary>
    /// The string fields <paramref name="names"/> of a JSON object body (null where absent or not a string; all null
    /// when the body is not an object), or the 4xx to answer: 415 not JSON, 413 too large, 400 unreadable.
    /// </summary>
    private static async Task<(Dictionary<string, string?>? Fields, IResult? Error)> ReadFieldsAsync(HttpContext context, string example, params string[] names)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, $"Send JSON, with Content-Type: application/json, such as {example}"));
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxBodyBytes / 1024} KB; a question is at most {MaxQuestionLength} characters."));
        }

        if (!BoundedBody.TryParseJson(body, out var json, out var problem))
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"{problem} Send {example}."));
        }

        using (json)
        {
            var root = json.RootElement;
            return (names.ToDictionary(n => n, n => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null), null);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex IdPattern();

    public static IResult Timeline(AnswerService answers, string? from, string? to, string? topic) =>
        WithTimeline(answers, from, to, topic, entries => Json(JsonContract.Timeline(entries)));

    /// <summary>The timeline as an SVG picture, each mark a link to <c>#timeline-entry-N</c> (the page's list item).</summary>
    public static IResult TimelineSvgPicture(AnswerService answers, string? from, string? to, string? topic) =>
        WithTimeline(answers, from, to, topic, entries =>
            Results.Text(TimelineSvg.Write(TimelineLayout.Compute(entries), links: true), "image/svg+xml; charset=utf-8", Encoding.UTF8));

    /// <summary>The timeline as a PNG picture.</summary>
    public static IResult TimelinePngPicture(AnswerService answers, string? from, string? to, string? topic) =>
        WithTimeline(answers, from, to, topic, entries => Results.Bytes(Drawing.TimelinePng.Render(entries), Drawing.TimelinePng.ContentType));

    /// <summary>
    /// The timeline's filters read and checked (the same 400s for the list and both pictures), then the entries given
    /// to <paramref name="render"/>.
    /// </summary>
    private static IResult WithTimeline(AnswerService answers, string? from, string? to, string? topic, Func<IReadOnlyList<TimelineEntry>, IResult> render)
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
            return render(answers.Timeline(new TimelineFilter(start, end, topic)));
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
        if (AdminRefusal(context, admin, guard, clock) is { } refused)
        {
            return refused;
        }

        var result = await reindexer.ReindexAsync("admin-api", context.RequestAborted);
        var json = ReindexJson(result);
        return result.Succeeded ? Json(json) : Json(json, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// The admin token check of every admin endpoint: 401 without the right Admin:Token, 429 (with Retry-After) after
    /// too many wrong ones from one address; null when the caller may go on.
    /// </summary>
    internal static IResult? AdminRefusal(HttpContext context, IOptions<AdminOptions> admin, AdminGuard guard, TimeProvider clock)
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

        return null;
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

    internal static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(JsonContract.Compact), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The body as bytes, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
}
