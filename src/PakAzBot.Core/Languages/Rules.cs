using System.Text.RegularExpressions;
using PakAzBot.Core.Answering;

namespace PakAzBot.Core.Languages;

/// <summary>
/// The grammar the lexicon's reading needs, per language: how long a stem is and how long an ending may follow it,
/// the Urdu particles that mark a yes/no question and the agent, the Azerbaijani question suffix, ordinal numbers.
/// Vocabulary is never here: it is in the lexicon files.
/// </summary>
internal static partial class Rules
{
    /// <summary>The fewest letters of a form that matches a longer word it begins.</summary>
    public static int MinStem(Language language) => language == Language.Urdu ? 3 : 4;

    /// <summary>The most letters an ending may add: Azerbaijani chains case, possessive and verb endings.</summary>
    public static int MaxSuffix(Language language) => language == Language.Azerbaijani ? 7 : 3;

    /// <summary>
    /// The word itself (exact), then the stems it may continue, longest first; an Azerbaijani stem ending in q or k is
    /// written ğ or y before a vowel ending (əməkdaşlıq, əməkdaşlığa).
    /// </summary>
    public static IEnumerable<(string Stem, bool Exact)> Stems(string word, Language language)
    {
        yield return (word, true);
        if (word.Any(char.IsDigit))
        {
            yield break;
        }

        var min = Math.Max(MinStem(language), word.Length - MaxSuffix(language));
        for (var k = word.Length - 1; k >= min; k--)
        {
            var stem = word[..k];
            yield return (stem, false);
            if (language == Language.Azerbaijani && stem[^1] is 'g' or 'y')
            {
                yield return (stem[..^1] + (stem[^1] == 'g' ? 'q' : 'k'), false);
            }
        }
    }

    /// <summary>The longest beginning (four letters or more) of an Azerbaijani word the sources use: "Ankaraya" → "ankara".</summary>
    public static string? KnownStem(string word, Func<string, bool> isKnown)
    {
        if (word.Any(char.IsDigit))
        {
            return null;
        }

        for (var k = word.Length - 1; k >= Math.Max(4, word.Length - MaxSuffix(Language.Azerbaijani)); k--)
        {
            if (isKnown(word[..k]))
            {
                return word[..k];
            }
        }

        return null;
    }

    /// <summary>Everyday English: words that say nothing about a question's language.</summary>
    public static bool IsEnglish(string folded) =>
        English.Contains(folded) || QuestionWords.IsCommon(folded);

    private static readonly HashSet<string> English = new(QuestionWords.StopWords.Concat(QuestionWords.IndexStopWords), StringComparer.Ordinal);

    public static bool IsQuestionWord(string english) => QuestionWord().IsMatch(english);

    /// <summary>A name: the lexicon writes names capitalized ("Azerbaijan"), and well-known names are known in any case.</summary>
    public static bool IsName(string english) =>
        english.Length > 0 && (char.IsUpper(english[0]) || EntityGazetteer.Find(english).Count > 0);

    /// <summary>Urdu's "kya"/"کیا" opening a question makes it a yes/no question.</summary>
    public static readonly HashSet<string> YesNoOpeners = new(["kya", "kia", "kiya", Fold.Word("کیا")], StringComparer.Ordinal);

    /// <summary>Urdu's ergative "ne"/"نے" follows the one who did it ("Pakistan ne Azerbaijan ko tasleem kiya").</summary>
    public static readonly HashSet<string> AgentMarkers = new(["ne", Fold.Word("نے")], StringComparer.Ordinal);

    /// <summary>Azerbaijani's question suffix -mı/-mi/-mu/-mü (folded), with the copula -dır after it ("qalacaqmı").</summary>
    [GeneratedRegex(@"^\p{L}{2,}m[iu](?:d[iu]r)?$")]
    public static partial Regex AzerbaijaniYesNo();

    /// <summary>An Azerbaijani noun in the genitive (folded): -ın/-in/-un/-ün, -nın/-nin/-nun/-nün after a vowel ("qüvvələrinin").</summary>
    [GeneratedRegex(@"^\p{L}{3,}n?[iu]n$")]
    public static partial Regex AzerbaijaniGenitive();

    /// <summary>"1992-ci", "30-cu", "2021-inci": the number of an Azerbaijani ordinal.</summary>
    public static string Ordinal(string word)
    {
        var match = OrdinalNumber().Match(Fold.Word(word));
        return match.Success ? match.Groups[1].Value : word;
    }

    /// <summary>"2021 September" (Azerbaijani and Urdu put the year first) as English writes it: "September 2021".</summary>
    /// <remarks>"1992 year" ("1992-ci ildə", "1992 ke saal") is the year 1992 as English writes it: "in 1992".</remarks>
    public static string YearBeforeMonth(string reading) => YearWord().Replace(YearMonth().Replace(reading, "$2 $1"), "in $1");

    [GeneratedRegex(@"\b(1[5-9]\d\d|20\d\d)\s+years?\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearWord();

    [GeneratedRegex(@"^(?:when|who|whom|whose|what|which|where|why|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionWord();

    [GeneratedRegex(@"^(\d+)-?(?:n?c[iu]|[iu]nc[iu]|[iu]nc|nc)$")]
    private static partial Regex OrdinalNumber();

    [GeneratedRegex(@"\b(\d{4})\s+(?:(?:year|in|of)\s+)*(january|february|march|april|may|june|july|august|september|october|november|december)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearMonth();
}
