namespace PakAzBot.Core.Answering;

/// <summary>Words that shape a question but say nothing about its subject; the index leaves them out of queries.</summary>
public static class QuestionWords
{
    public static readonly IReadOnlyList<string> StopWords =
    [
        "what", "when", "where", "who", "whom", "whose", "which", "why", "how", "whether",
        "did", "does", "do", "done", "doing", "has", "have", "had", "having", "is", "are", "am", "was", "were", "been", "being",
        "can", "could", "would", "should", "shall", "may", "might", "must",
        "i", "me", "my", "we", "us", "our", "you", "your", "he", "she", "him", "her", "his", "its", "them", "those",
        "tell", "please", "know", "explain", "describe", "give", "say", "said", "says", "mean",
        "happen", "happened", "happens", "anything", "something", "any", "some", "ever",
        "year", "years", "date", "day", "month", "time", "exactly", "much", "many",
        "from", "about", "than", "so", "very", "also", "just", "again", "up", "out", "over", "what's", "who's", "when's", "where's",
        "whats", "whos", "whens", "wheres", "hows", "whys", "name", "each", "other", "another", "both", "one", "ones",
        // Words about the source rather than its subject: "fact check: … mentioned in the piece", "I read somewhere".
        "fact", "check", "mentioned", "mention", "article", "piece", "text", "story", "somewhere", "heard", "apparently",
    ];

    /// <summary>The stop words the index leaves out of every text (Lucene's English stop set).</summary>
    public static readonly IReadOnlyList<string> IndexStopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    ];

    private static readonly Lazy<HashSet<string>> Common = new(() => Resources.Lines("common-words.txt").ToHashSet(StringComparer.Ordinal));

    /// <summary>True for everyday words ("took", "part", "happen") that say little about a question's subject.</summary>
    public static bool IsCommon(string word) => Common.Value.Contains(word.ToLowerInvariant());
}
