namespace PakAzBot.Core.Languages;

/// <summary>The languages the bot understands a question in, and answers around the (always English) quote in.</summary>
public enum Language
{
    English,

    /// <summary>Urdu in its own (Perso-Arabic, Nastaliq) script; shown right to left.</summary>
    Urdu,

    /// <summary>Urdu typed in Latin letters ("Roman Urdu").</summary>
    RomanUrdu,

    /// <summary>Azerbaijani, with or without its letters ə ğ ı ö ş ç ü.</summary>
    Azerbaijani,
}

public static class LanguageCodes
{
    /// <summary>The code of the JSON contract: <c>en</c>, <c>ur</c>, <c>ur-Latn</c>, <c>az</c>.</summary>
    public static string Code(this Language language) => language switch
    {
        Language.Urdu => "ur",
        Language.RomanUrdu => "ur-Latn",
        Language.Azerbaijani => "az",
        _ => "en",
    };

    /// <summary>Right to left: Urdu in its own script.</summary>
    public static bool IsRightToLeft(this Language language) => language == Language.Urdu;

    /// <summary>
    /// The language a code or a client locale names (<c>ur</c>, <c>ur-PK</c>, <c>ur-Latn</c>, <c>az</c>, <c>az-Latn-AZ</c>,
    /// <c>en-US</c>, any case, <c>_</c> or <c>-</c>); null for anything else, including null and empty.
    /// </summary>
    public static Language? FromCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var parts = code.Trim().Replace('_', '-').ToLowerInvariant().Split('-');
        return parts[0] switch
        {
            "en" => Language.English,
            "ur" => parts.Contains("latn") ? Language.RomanUrdu : Language.Urdu,
            "az" => Language.Azerbaijani,
            _ => null,
        };
    }

    public static IReadOnlyList<Language> All { get; } = [Language.English, Language.Urdu, Language.RomanUrdu, Language.Azerbaijani];
}
