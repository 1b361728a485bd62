namespace PakAzBot.Core.Languages;

/// <summary>Tells the language of a question from its script and its words, as every surface and the engine do.</summary>
public static class LanguageDetector
{
    /// <summary>
    /// The question's language, or null when it is too short to tell (no word of letters: "1992?"). A word the sources
    /// write counts as English, whatever lexicon also lists it.
    /// </summary>
    public static Language? Detect(string question, Knowledge.KnowledgeBase knowledge) =>
        knowledge.Lexicon.Detect(question, knowledge.Words.Contains);
}
