using System.Globalization;
using System.Text;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// Puts text into the shape the packaged BERT word-piece tokenizer expects. That tokenizer splits only on spaces and
/// on ASCII punctuation: a typographic apostrophe ("Pakistan’s") or a newline inside a paragraph would turn a whole
/// word into [UNK]. The Hugging Face tokenizer the model was trained with splits on all punctuation, so doing that
/// here gives the model the tokens it was trained on. Accents stay: the process runs with invariant globalization,
/// which has no Unicode normalization to take them off with, and the sources are in English.
/// </summary>
internal static class ModelText
{
    public static string Prepare(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var space = true;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control && !char.IsWhiteSpace(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                    space = true;
                }

                continue;
            }

            if (char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                }

                builder.Append(Ascii(c)).Append(' ');
                space = true;
                continue;
            }

            builder.Append(c);
            space = false;
        }

        return builder.ToString().TrimEnd();
    }

    // The vocabulary has the ASCII forms; the sources use typographic quotes and dashes.
    private static char Ascii(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        _ => c,
    };
}
