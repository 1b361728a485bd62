using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Feedback;

/// <summary>What an export wrote, and the picks it could not write because their passage left the sources.</summary>
public sealed record FeedbackExportResult(IReadOnlyList<JsonObject> Items, int Picked, int NoneOfThese, IReadOnlyList<string> MissingPassages);

/// <summary>
/// Turns picks into eval items in the format of <c>pakazbot eval</c> (tests/PakAzBot.Tests/Data/dev2/dev2.jsonl), so
/// moderators grow a dev set from real questions: a picked passage becomes
/// <c>{"id","q","passage","answer_any","tags"}</c>, whose <c>passage</c> is a short exact excerpt found in that
/// paragraph alone and <c>answer_any</c> holds it; "none of these" becomes <c>{"id","q","abstain":true,"tags"}</c>.
/// The same question with the same pick is one item, whoever picked it; ids are stable from one export to the next.
/// </summary>
public static class FeedbackExport
{
    public const string FromFeedback = "from-feedback";
    public const string Picked = "picked";
    public const string NoneOfThese = "none-of-these";

    /// <summary>The longest excerpt of a paragraph that stands for it.</summary>
    public const int MaxExcerptLength = 80;

    public static FeedbackExportResult Build(IEnumerable<PickEntry> picks, KnowledgeBase knowledge)
    {
        var items = new List<JsonObject>();
        var missing = new List<string>();
        var (picked, none) = (0, 0);
        var groups = picks.OrderBy(p => p.Time)
            .GroupBy(p => (Question: p.Question.Trim().ToLowerInvariant(), p.PassageId));
        foreach (var group in groups)
        {
            var first = group.First();
            var question = first.Question.Trim();
            var id = Id(group.Key.Question, group.Key.PassageId);
            if (first.PassageId is null)
            {
                items.Add(new JsonObject { ["id"] = id, ["q"] = question, ["abstain"] = true, ["tags"] = Tags(NoneOfThese) });
                none++;
                continue;
            }

            if (!knowledge.TryGetPassage(first.PassageId, out var passage))
            {
                missing.Add(first.PassageId);
                continue;
            }

            var excerpt = Excerpt(passage, group.Select(p => p.Sentence).LastOrDefault(s => s is not null), knowledge);
            items.Add(new JsonObject
            {
                ["id"] = id, ["q"] = question, ["passage"] = excerpt, ["answer_any"] = new JsonArray(excerpt), ["tags"] = Tags(Picked),
            });
            picked++;
        }

        return new FeedbackExportResult(items, picked, none, missing.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// An exact excerpt of <paramref name="passage"/> of at most <see cref="MaxExcerptLength"/> characters, cut at
    /// word boundaries, that no other paragraph contains (as eval compares: ignoring case): from the sentence the
    /// bot quoted if it is there, else from the paragraph's sentences in order. Where every short excerpt also
    /// stands elsewhere, the shortest unique sentence, else the whole paragraph.
    /// </summary>
    public static string Excerpt(Passage passage, string? quoted, KnowledgeBase knowledge)
    {
        var texts = new List<string>();
        if (!string.IsNullOrWhiteSpace(quoted) && passage.Text.Contains(quoted, StringComparison.Ordinal))
        {
            texts.Add(quoted);
        }

        texts.AddRange(passage.Sentences.Select(s => s.Text));
        bool Unique(string text) => !knowledge.Passages.Any(p => p != passage && p.Text.Contains(text, StringComparison.OrdinalIgnoreCase));
        foreach (var text in texts)
        {
            foreach (var window in Windows(text))
            {
                if (Unique(window))
                {
                    return window;
                }
            }
        }

        return texts.Where(Unique).OrderBy(t => t.Length).FirstOrDefault() ?? passage.Text;
    }

    /// <summary>Stretches of <paramref name="text"/> that start and end at word boundaries, each as long as the limit allows, from the start on.</summary>
    private static IEnumerable<string> Windows(string text)
    {
        for (var start = 0; start < text.Length; start++)
        {
            if (char.IsWhiteSpace(text[start]) || (start > 0 && !char.IsWhiteSpace(text[start - 1])))
            {
                continue;
            }

            var end = Math.Min(text.Length, start + MaxExcerptLength);
            while (end > start && end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end--;
            }

            var window = text[start..end].TrimEnd().TrimEnd(',', ';', ':', '—', '–', '-').TrimEnd();
            // Too few words to stand for a paragraph, however rare they are.
            if (window.Count(char.IsWhiteSpace) >= 2)
            {
                yield return window;
            }
        }
    }

    private static JsonArray Tags(string kind) => new(FromFeedback, kind);

    private static string Id(string question, string? passage) =>
        "fb-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(question + "\n" + (passage ?? ""))))[..12];
}
