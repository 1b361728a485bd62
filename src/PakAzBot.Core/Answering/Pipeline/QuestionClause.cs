using System.Text.RegularExpressions;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// The part of an English chat message that asks: people wrap a question in sentences about themselves ("doing a
/// project on commodities. what does …?", "history nerd here. which …?", "… in 2019? my cousin is applying"), and
/// every word of those counts against a passage that answers the question. The message is cut into segments
/// (sentences, a lead-in before a colon or a dash, a fragment before ", which …", an emoji); the segments that ask
/// (end in '?' or open with a question word) stay, and so does every other segment unless it is about the asker or
/// says nothing the sources speak of.
/// </summary>
/// <remarks>
/// A segment around the question is kept when it holds a figure or a date ("In 1992, which …"), names something
/// ("my uncle says Azerbaijan promised …"), when the question points back to it ("… which text mentioned it first?",
/// "… when was that?"), or, before the question, when it says something the sources speak of and is not about the
/// asker ("Apart from the embassy, which …"). About the asker: it has a first- or second-person word ("my nephew plays
/// chess", "history question for you"), opens with a verb in -ing or a word of chat ("planning a family trip", "quick
/// one"), or introduces the asker ("travel blogger here"). After the question, only what names something, holds a
/// figure or goes on asking ("… and where?") stays.
/// The rules are general English; none names a word of the sources.
/// </remarks>
internal static partial class QuestionClause
{
    /// <summary>What the stages read of <paramref name="message"/>; the message itself when no segment asks.</summary>
    /// <param name="says">Whether a segment holds a word the sources use that is not an everyday word.</param>
    /// <param name="names">Whether a segment names something (a well-known name, or a word the sources only write capitalized).</param>
    public static string Of(string message, Func<string, bool> says, Func<string, bool> names)
    {
        var segments = Segments(message);
        if (segments.Count < 2)
        {
            return message;
        }

        var asks = segments.Select(Asks).ToArray();
        var first = Array.IndexOf(asks, true);
        if (first < 0)
        {
            return message;
        }

        var last = Array.LastIndexOf(asks, true);
        var question = string.Join(' ', segments.Skip(first).Take(last - first + 1));
        var pointsBack = Words(question).Any(w => BackPointers.Contains(w));
        var kept = segments.Where((s, i) => (i >= first && i <= last) || pointsBack || Keep(s, i > last, says, names)).ToList();
        if (kept.Count == segments.Count)
        {
            return message;
        }

        var text = string.Join(' ', kept).Trim();
        return text.Any(char.IsLetterOrDigit) ? text : message;
    }

    /// <summary>The message cut where one thing said ends and another begins.</summary>
    internal static List<string> Segments(string message) =>
        Boundary().Split(message).Select(s => s.Trim(' ', ',', ';', ':', '-', '–', '—', '(', ')')).Where(s => s.Any(char.IsLetterOrDigit)).ToList();

    private static bool Asks(string segment)
    {
        if (segment.EndsWith('?'))
        {
            return true;
        }

        var words = Words(segment).ToList();
        return words.Count > 1 && QuestionOpeners.Contains(words[0]);
    }

    private static bool Keep(string segment, bool after, Func<string, bool> says, Func<string, bool> names)
    {
        if (segment.Any(char.IsDigit) || names(segment))
        {
            return true;
        }

        var words = Words(segment).ToList();
        if (words.Count == 0 || words.Any(w => Asker.Contains(w)) || words[^1] == "here")
        {
            return false;
        }

        // After the question, a segment that goes on asking ("… opened? and where?") is part of it.
        if (after)
        {
            return Continuations.Contains(words[0]);
        }

        return !ChatWords.Contains(words[0]) && !IsVerbInIng(words[0]) && says(segment);
    }

    private static bool IsVerbInIng(string word) => word.Length >= 5 && word.EndsWith("ing", StringComparison.Ordinal) && !NounsInIng.Contains(word);

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal));

    // Words with which a question opens: the question words, the auxiliaries of a yes/no question and requests.
    private static readonly HashSet<string> QuestionOpeners = new(StringComparer.Ordinal)
    {
        "what", "what's", "whats", "when", "when's", "where", "where's", "wheres", "who", "who's", "whom", "whose", "which", "why", "how", "how's",
        "did", "does", "do", "is", "are", "was", "were", "can", "could", "has", "have", "had", "will", "would", "should", "shall",
        "name", "list", "give", "explain", "describe", "define",
    };

    // A question that points back to a segment before it: "… which text mentioned it first?", "when was that?",
    // "when was his first visit?"
    private static readonly HashSet<string> BackPointers = new(StringComparer.Ordinal)
    {
        "it", "it's", "its", "they", "they're", "them", "their", "he", "he's", "his", "she", "she's", "him", "her", "this", "that", "these", "those",
    };

    private static readonly HashSet<string> Continuations = new(StringComparer.Ordinal) { "and", "or", "also", "plus", "what", "when", "where", "who", "which", "why", "how" };

    // The asker and the one asked.
    private static readonly HashSet<string> Asker = new(StringComparer.Ordinal)
    {
        "i", "i'm", "im", "i've", "ive", "i'd", "id", "me", "my", "mine", "we", "we're", "our", "us", "you", "your", "you're", "ur", "u", "ya",
    };

    // Words of chat, not of a subject: a segment that opens with one is about the conversation.
    private static readonly HashSet<string> ChatWords = new(StringComparer.Ordinal)
    {
        "question", "questions", "q", "qs", "quick", "random", "sorry", "thanks", "thank", "thx", "ty", "hope", "again", "btw", "fyi",
        "curious", "wondering", "fact", "morning", "evening", "afternoon", "night", "ok", "okay", "so", "well", "lol", "haha", "hey",
        "hi", "hello", "heyo", "hiya", "yo", "bot", "just", "also", "anyway", "anyways", "oh", "ah", "hmm", "um", "like", "need", "saw",
        "read", "heard", "asking", "pls", "please", "cheers", "welcome", "sup", "greetings",
    };

    // -ing words that name a thing or open a phrase about the subject ("according to …") rather than say what the asker is doing.
    private static readonly HashSet<string> NounsInIng = new(StringComparer.Ordinal)
    {
        "according", "regarding", "concerning", "including", "following", "during", "excluding", "considering", "notwithstanding", "barring",
        "meeting", "meetings", "building", "buildings", "bombing", "shelling", "offering", "opening", "signing", "training", "housing",
        "funding", "landing", "ruling", "spending", "trading", "shipping", "banking", "mining", "hearing", "briefing", "painting",
        "recording", "setting", "beijing", "morning", "evening", "something", "nothing", "anything", "everything", "thing", "things",
        "spring", "string", "wedding", "ceiling", "sibling", "siblings", "viking", "pudding", "darling",
    };

    // Sentence ends, a lead-in before a colon or a dash, a fragment before ", (but) which …" or "… but which …", emoji.
    [GeneratedRegex(@"(?<=[.!?…])\s+|(?<!\d)[:;]\s+|\s+[-–—]+\s+|\s*[\p{So}\p{Cs}\uFE0F\u200D]+\s*|(?:,\s+(?:(?:but|so|and)\s+)?|\s+but\s+)(?=(?:what|when|where|who|whom|whose|which|why|how|did|does|do|is|are|was|were|can|could|has|have|will|would)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’]*")]
    private static partial Regex Word();
}
