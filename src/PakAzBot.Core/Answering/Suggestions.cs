using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Things to ask about, drawn from the sources: section topics, names (capitalized phrases such as
/// "JF-17 Thunder" or "Khojaly Genocide") and dated events. Chat surfaces offer them as the user types.
/// </summary>
public static partial class Suggestions
{
    public const int MaxLength = 100;
    private static readonly ConditionalWeakTable<KnowledgeBase, IReadOnlyList<string>> Cache = new();

    private static readonly HashSet<string> NotTopics = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "In", "On", "During", "Another", "It", "Because", "However",
    };

    /// <summary>Up to <paramref name="count"/> suggestions that contain every word typed so far (the last as a prefix).</summary>
    public static IReadOnlyList<string> Matching(KnowledgeBase knowledge, string typed, int count = 25)
    {
        var all = Cache.GetValue(knowledge, Build);
        var words = WordPattern().Matches(typed.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return all.Take(count).ToList();
        }

        return all
            .Where(s =>
            {
                var have = WordPattern().Matches(s.ToLowerInvariant()).Select(m => m.Value).ToList();
                return words.Take(words.Count - 1).All(have.Contains) && have.Any(h => h.StartsWith(words[^1], StringComparison.Ordinal));
            })
            .Take(count)
            .ToList();
    }

    private static IReadOnlyList<string> Build(KnowledgeBase knowledge)
    {
        var topics = knowledge.Topics();
        var capitals = Capitalization.Of(knowledge);
        var names = knowledge.Passages
            .Where(p => p.Kind == PassageKind.Paragraph)
            .SelectMany(p => NamePattern().Matches(p.Text).Select(m => m.Value))
            .Select(n => string.Join(' ', n.Split(' ').SkipWhile(w => NotTopics.Contains(w) || capitals.IsOrdinaryWord(w))))
            .Where(n => n.Contains(' ', StringComparison.Ordinal) || n.Contains('-', StringComparison.Ordinal))
            .Where(n => !n.Contains("’", StringComparison.Ordinal) && !n.EndsWith("'s", StringComparison.Ordinal));
        var events = knowledge.Passages
            .SelectMany(p => p.Sentences.Where(s => s.Dates.Count > 0 && p.Kind == PassageKind.Paragraph))
            .Select(s => Shorten($"{s.Dates[0].Date.Label}: {s.Text}"));
        return topics.Concat(names).Concat(events)
            .Where(s => s.Length is > 3 and <= MaxLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static string Shorten(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxLength - 2);
        return text[..(cut > 0 ? cut : MaxLength - 1)].TrimEnd(',', ';', ':') + "…";
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}\p{N}-]*)+|\b\p{Lu}+-\d+(?:\s+\p{Lu}\p{Ll}+)?")]
    private static partial Regex NamePattern();
}
