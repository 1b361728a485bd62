using System.Text.RegularExpressions;

namespace PakAzBot.Core.Text;

/// <summary>Splits English prose into sentences, keeping each sentence's exact characters and offset.</summary>
internal static partial class SentenceSplitter
{
    // Abbreviations after which a full stop does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "maj", "sgt", "st", "jr", "sr", "emb", "amb",
        "govt", "dept", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "inc", "ltd", "co",
    };

    public static IReadOnlyList<(int Start, string Text)> Split(string text)
    {
        var result = new List<(int, string)>();
        var start = 0;
        foreach (Match m in Boundary().Matches(text))
        {
            var end = m.Index + m.Value.TrimEnd().Length;
            if (IsAbbreviation(text, m.Index))
            {
                continue;
            }

            Add(result, text, start, end);
            start = m.Index + m.Length;
        }

        Add(result, text, start, text.Length);
        return result;
    }

    private static void Add(List<(int, string)> result, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            result.Add((start, text[start..end]));
        }
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }

        var i = dot;
        while (i > 0 && (char.IsLetter(text[i - 1]) || text[i - 1] == '.'))
        {
            i--;
        }

        var word = text[i..dot];
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word);
    }

    // A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) before
    // white space and a capital letter, digit or opening quote.
    [GeneratedRegex("""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\d])""")]
    private static partial Regex Boundary();
}
