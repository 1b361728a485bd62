using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Knowledge;

/// <summary>
/// Abbreviations people type for names the sources spell out. Acronyms: "NUST" for "National University of Sciences
/// and Technology", "fm" for "Foreign Minister", "ISG" for "Islamic Solidarity Games"; every run of two or more
/// capitalized words (with "of", "and", "the", "for" inside) gives the acronym of its initials. Clipped names: "aze"
/// for "Azerbaijan", the name most of the sources' names that begin so are forms of. Learned from the knowledge base
/// itself. An abbreviation the sources themselves use as a word, or one that stands for two different names about as
/// often, is left alone: only a word the sources never write is read as an abbreviation.
/// </summary>
public sealed partial class Abbreviations
{
    private static readonly ConditionalWeakTable<KnowledgeBase, Abbreviations> Cache = new();
    private readonly Dictionary<string, int> _nameWords = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Inside = new(StringComparer.Ordinal) { "of", "and", "the", "for", "&" };
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    private Abbreviations(KnowledgeBase knowledge)
    {
        var capitals = Capitalization.Of(knowledge);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, Dictionary<string, int>>(StringComparer.OrdinalIgnoreCase);
        var texts = knowledge.Passages.Select(p => p.Text)
            .Concat(knowledge.Passages.Select(p => p.Section).OfType<string>())
            .Concat(knowledge.Documents.Select(d => d.Title));
        foreach (var text in texts)
        {
            foreach (Match m in Word().Matches(text))
            {
                words.Add(m.Value);
                if (m.Value.Length > 4 && capitals.IsName(m.Value))
                {
                    _nameWords[m.Value] = _nameWords.GetValueOrDefault(m.Value) + 1;
                }
            }

            foreach (Match run in Run().Matches(text))
            {
                var parts = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var start = 0; start < parts.Length; start++)
                {
                    for (var end = start + 1; end < parts.Length; end++)
                    {
                        if (Inside.Contains(parts[start]) || Inside.Contains(parts[end]))
                        {
                            continue;
                        }

                        var name = parts[start..(end + 1)];
                        var initials = string.Concat(name.Where(p => !Inside.Contains(p)).Select(p => char.ToUpperInvariant(p[0])));
                        if (initials.Length is >= 2 and <= 6)
                        {
                            if (!found.TryGetValue(initials, out var names))
                            {
                                found[initials] = names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                            }

                            // Singular and plural ("Foreign Minister", "Foreign Ministers") are one name.
                            var key = string.Join(' ', name).TrimEnd('s');
                            names[key] = names.GetValueOrDefault(key) + 1;
                        }
                    }
                }
            }
        }

        // An acronym stands for the name it is the initials of at least twice as often as for all others together.
        foreach (var (acronym, names) in found)
        {
            var (name, count) = names.MaxBy(n => n.Value);
            if (!words.Contains(acronym) && count * 3 >= names.Values.Sum() * 2)
            {
                _names[acronym] = name;
            }
        }

        _words = words;
        _sortedNames = _nameWords.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private readonly HashSet<string> _words;

    // The name words in order, so the names a clipped word begins are found by binary search, not by reading them all.
    private readonly string[] _sortedNames;

    public static Abbreviations Of(KnowledgeBase knowledge) => Cache.GetValue(knowledge, k => new Abbreviations(k));

    /// <summary>The name <paramref name="word"/> stands for, or null when it is not such an abbreviation.</summary>
    public string? NameOf(string word) =>
        _names.TryGetValue(word, out var name) ? name : word.Length is 3 or 4 && !_words.Contains(word) ? Clipped(word) : null;

    /// <summary>
    /// The name a clipped word stands for: of the sources' names that begin with it, grouped with their longer forms
    /// ("Azerbaijan", "Azerbaijani", "Azerbaijanis"), the group that at least two thirds of their mentions belong to.
    /// </summary>
    private string? Clipped(string word)
    {
        var from = Array.BinarySearch(_sortedNames, word, StringComparer.OrdinalIgnoreCase);
        from = from < 0 ? ~from : from;
        var candidates = new List<KeyValuePair<string, int>>();
        for (var i = from; i < _sortedNames.Length && _sortedNames[i].StartsWith(word, StringComparison.OrdinalIgnoreCase); i++)
        {
            candidates.Add(KeyValuePair.Create(_sortedNames[i], _nameWords[_sortedNames[i]]));
        }

        candidates = candidates.OrderBy(n => n.Key.Length).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var groups = new List<(string Head, int Count)>();
        foreach (var (name, count) in candidates)
        {
            var at = groups.FindIndex(g => name.StartsWith(g.Head, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                groups.Add((name, count));
            }
            else
            {
                groups[at] = (groups[at].Head, groups[at].Count + count);
            }
        }

        var best = groups.MaxBy(g => g.Count);
        return best.Count * 3 >= groups.Sum(g => g.Count) * 2 ? best.Head : null;
    }

    /// <summary>
    /// The text with each acronym written out as the name it stands for ("when did the fm meet" → "when did the Foreign
    /// Minister meet"); <paramref name="isAcronym"/> says which words, as typed, may be acronyms at all.
    /// </summary>
    public string Expand(string text, Func<string, bool> isAcronym) =>
        Word().Replace(text, m => isAcronym(m.Value) && NameOf(m.Value) is { } name ? name : m.Value);

    // A capitalized word (letters and digits, as in "JF-17"), and runs of them joined by the small words names use.
    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}-]*(?:\s+(?:(?:of|and|the|for|&)\s+)*\p{Lu}[\p{L}\p{N}-]*)+")]
    private static partial Regex Run();

    [GeneratedRegex(@"\b\p{L}[\p{L}\p{N}]*\b")]
    private static partial Regex Word();
}
