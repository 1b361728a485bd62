namespace PakAzBot.Core.Languages;

/// <summary>The cross-language lexicon of the knowledge folder (<c>lexicon/ur.txt</c>, <c>ur-Latn.txt</c>, <c>az.txt</c>).</summary>
public sealed class Lexicon
{
    public static Lexicon Empty { get; } = new();

    /// <summary>The question's language, or null when it is too short to tell.</summary>
    public Language? Detect(string question)
    {
        var letters = question.Count(char.IsLetter);
        if (letters == 0)
        {
            return null;
        }

        var arabic = question.Count(c => c is >= '\u0600' and <= '\u06FF');
        if (arabic * 2 >= letters)
        {
            return Language.Urdu;
        }

        return question.Any(c => c is 'ə' or 'Ə' or 'ı' or 'ğ' or 'Ğ') ? Language.Azerbaijani : Language.English;
    }
}
