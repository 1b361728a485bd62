using System.Text.RegularExpressions;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Well-known names (countries, capitals, cities, demonyms, organizations, leaders), so that a question naming
/// something the sources never mention can be recognized even in lower case. Read from the embedded entities.txt.
/// </summary>
public static partial class EntityGazetteer
{
    private static readonly Lazy<(HashSet<string> Names, int LongestWords)> Data = new(Load);

    /// <summary>The known names that occur in the text, longest match first at each position.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var (names, longest) = Data.Value;
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        var found = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = Math.Min(longest, words.Length - i); n >= 1; n--)
            {
                var candidate = string.Join(' ', words, i, n);
                if (names.Contains(candidate))
                {
                    found.Add(candidate);
                    i += n - 1;
                    break;
                }
            }
        }

        return found;
    }

    private static (HashSet<string>, int) Load()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var longest = 1;
        foreach (var line in Resources.Lines("entities.txt"))
        {
            var name = string.Join(' ', Word().Matches(line.ToLowerInvariant()).Select(m => m.Value));
            names.Add(name);
            longest = Math.Max(longest, name.Count(c => c == ' ') + 1);
        }

        return (names, longest);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
