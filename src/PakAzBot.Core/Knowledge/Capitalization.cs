using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Knowledge;

/// <summary>
/// What the sources' own capitals say about a word: a word that opens a sentence ("Recent", "Military", "Members")
/// is capitalized only because it opens it when the sources write it in lower case elsewhere and never capitalize
/// it inside a sentence. Learned from the knowledge base itself, so it holds for any documents, not a word list.
/// </summary>
public sealed partial class Capitalization
{
    private static readonly ConditionalWeakTable<KnowledgeBase, Capitalization> Cache = new();
    private readonly HashSet<string> _capitalizedInside = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lowerCase = new(StringComparer.Ordinal);

    private Capitalization(KnowledgeBase knowledge)
    {
        foreach (var sentence in knowledge.Passages.SelectMany(p => p.Sentences))
        {
            var first = true;
            foreach (Match m in Word().Matches(sentence.Text))
            {
                var word = m.Value;
                if (char.IsLower(word[0]))
                {
                    _lowerCase.Add(word);
                }
                else if (!first && char.IsUpper(word[0]))
                {
                    _capitalizedInside.Add(word.ToLowerInvariant());
                }

                first = false;
            }
        }
    }

    public static Capitalization Of(KnowledgeBase knowledge) => Cache.GetValue(knowledge, k => new Capitalization(k));

    /// <summary>True when a capitalized <paramref name="word"/> is an ordinary word that happens to open a sentence.</summary>
    public bool IsOrdinaryWord(string word)
    {
        var lower = word.ToLowerInvariant();
        return _lowerCase.Contains(lower) && !_capitalizedInside.Contains(lower);
    }

    /// <summary>True when the sources write <paramref name="word"/> only as a name: capitalized inside sentences, never in lower case.</summary>
    public bool IsName(string word)
    {
        var lower = word.ToLowerInvariant();
        return _capitalizedInside.Contains(lower) && !_lowerCase.Contains(lower);
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*")]
    private static partial Regex Word();
}
