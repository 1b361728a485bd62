using System.Text;

namespace PakAzBot.Core.Text;

/// <summary>The character-level steps of <see cref="QuestionNormalizer"/>: what is dropped, what is a space, which quotes become ASCII.</summary>
internal static class QuestionCharacters
{
    private static readonly System.Buffers.SearchValues<char> Quotes =
        System.Buffers.SearchValues.Create("\u2018\u2019\u201A\u201B\uFF07\u201C\u201D\u201E\u201F\uFF02\u00AB\u00BB");

    /// <summary>
    /// Drops lone surrogates, noncharacters and invisible format characters (zero-width, bidi controls, soft hyphen),
    /// turns line breaks into <c>\n</c> and every other control character into a space.
    /// </summary>
    /// <remarks>
    /// Invisible characters are dropped outright because they sit inside words ("Pak\u200Bistan" is one word to a
    /// reader); control characters become spaces, as tabs and stray NULs usually stand between words. Line breaks
    /// survive this step because Markdown's block quotes, headings and bullets are only recognised at line starts.
    /// </remarks>
    public static string Filter(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return text; // printable ASCII, as most questions are: nothing to drop
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (!IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                    {
                        builder.Append(c).Append(text[i + 1]);
                    }

                    i++;
                }
            }
            else if (char.IsLowSurrogate(c) || IsInvisible(c) || IsNoncharacter(c))
            {
                // A lone low surrogate, or nothing a reader would see.
            }
            else if (c is '\r')
            {
                // "\r\n" is one break.
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f')
            {
                builder.Append('\n');
            }
            else if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Typographic quotes and apostrophes as ASCII, so "what’s" and "what's" are one question.</summary>
    public static string FoldQuotes(string text) => text.AsSpan().IndexOfAny(Quotes) < 0 ? text : string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\uFF07' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\uFF02' or '\u00AB' or '\u00BB' => '"',
                var c => c,
            };
        }
    });

    /// <summary>Every run of white space (line breaks included) as one space, none at the ends.</summary>
    public static string FoldWhiteSpace(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~') && !text.Contains("  ", StringComparison.Ordinal)
            && !text.StartsWith(' ') && !text.EndsWith(' '))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd(' ');
    }

    /// <summary>A character that is a control character, a lone surrogate or a noncharacter: none survive normalizing.</summary>
    public static bool IsForbidden(string text, int i) =>
        char.IsControl(text[i]) || IsInvisible(text[i]) || IsNoncharacter(text[i])
        || (char.IsHighSurrogate(text[i]) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
        || (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));

    // Zero-width spaces and joiners, word joiner and invisible operators, the byte-order mark, bidi marks,
    // embeddings, overrides and isolates, the Arabic letter mark, the soft hyphen and the Mongolian vowel separator.
    private static bool IsInvisible(char c) =>
        c is (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064')
            or (>= '\u2066' and <= '\u206F') or '\uFEFF' or '\u061C' or '\u00AD' or '\u180E';

    // Noncharacters are never text; ICU's normalizer also refuses U+FFFE and U+FFFF.
    private static bool IsNoncharacter(int c) => (c & 0xFFFE) == 0xFFFE || c is >= 0xFDD0 and <= 0xFDEF;
}
