using System.Text;

namespace PakAzBot.Core.Languages;

/// <summary>
/// How the lexicon compares words: the spellings people type for the same word made equal. Latin: lower case, and
/// ə ğ ı ö ş ç ü (and the Turkish dotted İ) as e g i o s c u, apostrophes out ("Pakistan'ın"). Urdu script: the
/// Arabic look-alikes of Urdu letters (ي ى ك ه ة) as the Urdu ones, vowel marks, hamza marks and the kashida out.
/// Digits of either script as ASCII digits.
/// </summary>
public static class Fold
{
    public static string Word(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            switch (c)
            {
                case 'ə' or 'Ə': builder.Append('e'); break;
                case 'ğ' or 'Ğ': builder.Append('g'); break;
                case 'ı' or 'İ' or 'I': builder.Append('i'); break;
                case 'ö' or 'Ö': builder.Append('o'); break;
                case 'ş' or 'Ş': builder.Append('s'); break;
                case 'ç' or 'Ç': builder.Append('c'); break;
                case 'ü' or 'Ü': builder.Append('u'); break;
                case '\'' or '’' or '\u0307': break;
                case '\u064A' or '\u0649' or '\u06D0' or '\u0626': builder.Append('\u06CC'); break; // ي ى ې ئ → ی (hamza seats are typed either way)
                case '\u0643': builder.Append('\u06A9'); break; // ك → ک
                case '\u0647' or '\u06D5': builder.Append('\u06C1'); break; // ه ە → ہ
                case '\u0629' or '\u06C3': builder.Append('\u06C1'); break; // ة ۃ → ہ
                case '\u0623' or '\u0625' or '\u0671': builder.Append('\u0627'); break; // أ إ ٱ → ا
                case '\u06C2': builder.Append('\u06C1'); break; // ۂ → ہ
                case '\u0640': break; // kashida
                case >= '\u064B' and <= '\u065F': break; // vowel and hamza marks
                case '\u0670': break; // superscript alef
                default: builder.Append(char.ToLowerInvariant(c)); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Urdu and Arabic-Indic digits as ASCII digits; Urdu punctuation as its Latin counterpart.</summary>
    public static string Digits(string text)
    {
        if (!text.Any(c => c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9' or '؟' or '،' or '۔' or '٫' or '٬'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + chars[i] - '\u0660'),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + chars[i] - '\u06F0'),
                '؟' => '?',
                '،' or '٬' => ',',
                '۔' => '.',
                '٫' => '.',
                var c => c,
            };
        }

        return new string(chars);
    }

    public static bool IsArabicScript(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>Letters only Azerbaijani (and Turkish) writes among the languages the bot reads: ə, dotless ı, ğ.</summary>
    public static bool IsAzerbaijaniLetter(char c) => c is 'ə' or 'Ə' or 'ı' or 'ğ' or 'Ğ';
}
