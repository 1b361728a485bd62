namespace PakAzBot.Core.Languages;

/// <summary>Tells the language of a question from its script and its words.</summary>
public static class LanguageDetector
{
    /// <summary>
    /// The question's language, or null when it is too short to tell (no word of letters: "1992?").
    /// </summary>
    public static Language? Detect(string question, Lexicon lexicon) => lexicon.Detect(question);
}
