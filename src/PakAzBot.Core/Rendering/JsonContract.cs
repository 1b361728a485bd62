using System.Text.Json;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Core.Rendering;

/// <summary>
/// The JSON every machine-facing surface speaks (<c>pakazbot ask --json</c>, the web API): field names and shapes
/// are a contract that other tools depend on, so they change only by addition.
/// </summary>
public static class JsonContract
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Answer(Answer answer) => new()
    {
        ["question"] = answer.Question,
        ["outcome"] = OutcomeName(answer.Outcome),
        ["answered"] = answer.Answered,
        ["picked"] = answer.Picked,
        ["answer"] = answer.Text,
        ["short"] = answer.Short,
        ["date"] = answer.Date?.Date.Iso,
        ["precision"] = answer.Date?.Date.PrecisionName,
        ["dateLabel"] = answer.Date?.Date.Label,
        // A non-finite number cannot be written as JSON: the engine never makes one, and this keeps it so.
        ["confidence"] = Math.Clamp(Finite(answer.Confidence), 0, 1),
        ["citations"] = new JsonArray(answer.Citations.Select(c => (JsonNode)Citation(c)).ToArray()),
        ["related"] = new JsonArray(answer.Related.Select(c => (JsonNode)Citation(c)).ToArray()),
        ["suggestions"] = new JsonArray(answer.Suggestions.Select(s => (JsonNode)Suggestion(s)).ToArray()),
        // Other documents' answers that differ from this one ("Sources differ"); empty when none.
        ["conflicts"] = new JsonArray(answer.Conflicts.Select(c => (JsonNode)Conflict(c)).ToArray()),
        ["topics"] = new JsonArray(answer.Topics.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        // The question's language, which the reply's own words are in: "en", "ur", "ur-Latn" or "az".
        ["language"] = answer.Language.Code(),
    };

    /// <summary>"answered", "suggested" or "declined": the outcome as every surface names it.</summary>
    public static string OutcomeName(AnswerOutcome outcome) => outcome switch
    {
        AnswerOutcome.Answered => "answered",
        AnswerOutcome.Suggested => "suggested",
        _ => "declined",
    };

    /// <summary>A suggestion: the citation's shape, with the sentence closest to the question and the date it speaks of.</summary>
    public static JsonObject Suggestion(Suggestion suggestion)
    {
        var json = Citation(suggestion.Citation);
        json["sentence"] = suggestion.Sentence;
        json["sentenceDate"] = suggestion.Date?.Date.Iso;
        return json;
    }

    /// <summary>A differing answer: its short answer, its date and precision, the sentence, and its citation.</summary>
    public static JsonObject Conflict(Conflict conflict) => new()
    {
        ["short"] = conflict.Short,
        ["date"] = conflict.Date?.Date.Iso,
        ["precision"] = conflict.Date?.Date.PrecisionName,
        ["dateLabel"] = conflict.Date?.Date.Label,
        ["sentence"] = conflict.Sentence,
        ["citation"] = Citation(conflict.Citation),
    };

    /// <summary>
    /// The error body of every HTTP surface: <c>{"error": "what to fix", "status": N}</c>.
    /// </summary>
    public static JsonObject Error(int status, string message) => new() { ["error"] = message, ["status"] = status };

    /// <summary>
    /// A number JSON can carry: NaN and the infinities, which the JSON writer refuses with an exception, become 0.
    /// Every computed number of the contract goes through here.
    /// </summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;

    public static JsonObject Citation(Citation citation)
    {
        var (document, passage) = (citation.Document, citation.Passage);
        var json = new JsonObject
        {
            ["documentId"] = document.Id,
            ["passageId"] = passage.Id,
            ["title"] = document.Title,
            ["publisher"] = document.Publisher,
            ["published"] = document.Published.ToString("yyyy-MM-dd"),
            ["url"] = document.Url?.ToString(),
            ["citation"] = MarkdownRenderer.CitationLine(citation),
            ["section"] = passage.Section,
            ["paragraph"] = passage.Number,
            ["quote"] = passage.Text,
            ["dates"] = new JsonArray(passage.Dates.Select(d => (JsonNode)Date(d)).ToArray()),
        };
        if (passage.Kind == PassageKind.Quote)
        {
            json["attribution"] = passage.Attribution;
        }

        return json;
    }

    public static JsonArray Timeline(IReadOnlyList<TimelineEntry> entries) =>
        new(entries.Select(e => (JsonNode)new JsonObject
        {
            ["date"] = e.Date.Date.Iso,
            ["precision"] = e.Date.Date.PrecisionName,
            ["label"] = e.Date.Date.Label,
            ["quote"] = e.Quote,
            ["citation"] = Citation(e.Citation),
            // Statements about the same event in other documents share a group; "differs" when their dates do.
            ["group"] = e.Group,
            ["differs"] = e.Differs,
        }).ToArray());

    public static JsonArray Sources(KnowledgeBase knowledge) =>
        new(knowledge.Documents.Select(d => (JsonNode)new JsonObject
        {
            ["id"] = d.Id,
            ["title"] = d.Title,
            ["publisher"] = d.Publisher,
            ["published"] = d.Published.ToString("yyyy-MM-dd"),
            ["dateline"] = d.Dateline,
            ["language"] = d.Language,
            ["url"] = d.Url?.ToString(),
            ["paragraphs"] = d.Paragraphs.Count,
            ["sections"] = new JsonArray(d.Paragraphs.Select(p => p.Section).OfType<string>().Distinct().Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
        }).ToArray());

    private static JsonObject Date(DateMention mention) => new()
    {
        ["date"] = mention.Date.Iso,
        ["precision"] = mention.Date.PrecisionName,
        ["text"] = mention.Text,
    };
}
