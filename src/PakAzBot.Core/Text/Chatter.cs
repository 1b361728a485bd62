namespace PakAzBot.Core.Text;

/// <summary>
/// Removes the greetings, addressing and politeness people wrap a question in ("hey, does anyone know when …",
/// "…, thanks!"), and nothing else: a clause that says what the question is about is never chatter.
/// </summary>
/// <remarks>The lists are general English only. A phrase is removed only as whole words, and only when a question is
/// left after it; a message that is nothing but chatter ("hi") is left as it is, for the answerer to decline.</remarks>
internal static class Chatter
{
    // Removed at the start whatever follows them.
    private static readonly string[] Leading =
    [
        "hey", "hi", "hello", "hiya", "heya", "heyy", "howdy", "yo", "greetings", "hey hey", "hello hello",
        "salam", "salaam", "assalamualaikum", "assalam o alaikum", "asalam o alaikum", "aoa", "good morning", "good afternoon", "good evening", "good day",
        "hey there", "hi there", "hello there", "hey bot", "hi bot", "hello bot", "@bot", "dear bot",
        "hey all", "hi all", "hello all", "hey everyone", "hi everyone", "hello everyone", "hey guys", "hi guys",
        "hey folks", "hi folks", "hey team", "hi team",
        "please", "pls", "plz", "kindly", "excuse me",
        "can you tell me", "could you tell me", "would you tell me", "can you please tell me", "could you please tell me",
        "can u tell me", "could u tell me", "please tell me", "tell me",
        "do you know", "do you happen to know", "does anyone know", "does anybody know", "does someone know",
        "does somebody know", "anyone know", "anybody know", "someone know", "somebody know", "any idea", "any ideas",
        "i was wondering", "i am wondering", "i'm wondering", "im wondering", "just wondering", "i wonder",
        "i'd like to know", "id like to know", "i would like to know", "i want to know", "i wanna know", "i need to know",
        "quick question", "one more question", "another question", "i have a question", "i've got a question",
        "i got a question", "ok so", "okay so", "btw", "by the way", "um", "umm", "uh", "hmm",
    ];

    // Removed at the start only when punctuation follows: "so, when …" but not "so many …".
    private static readonly string[] LeadingBeforePunctuation =
    [
        "so", "ok", "okay", "well", "also", "bot", "question", "sorry", "out of curiosity", "just curious", "curious",
    ];

    // Removed at the end whatever comes before them: nobody ends a question on these words.
    private static readonly string[] Trailing =
    [
        "pls", "plz", "please", "thx", "thnx", "thanx", "tia", "thanks in advance", "thank you in advance",
    ];

    // Removed at the end only after punctuation ("…?, thanks!"), since "why did they say thank you" ends on them too.
    private static readonly string[] TrailingAfterPunctuation =
    [
        "thanks", "thank you", "thanks a lot", "thanks so much", "thank you so much", "many thanks", "cheers", "ty",
        "thanks bot", "thank you bot",
    ];

    // Looked up by the message's first or last word, so a question costs one dictionary look-up at each end.
    private static readonly Dictionary<string, (string Phrase, bool NeedsPunctuation)[]> ByFirstWord =
        Index(Leading, LeadingBeforePunctuation, p => p.Split(' ')[0]);

    private static readonly Dictionary<string, (string Phrase, bool NeedsPunctuation)[]> ByLastWord =
        Index(Trailing, TrailingAfterPunctuation, p => p.Split(' ')[^1]);

    /// <summary>The question without chatter; <paramref name="text"/> has its white space folded already.</summary>
    public static string Strip(string text) => StripTrailing(StripLeading(text));

    private static string StripLeading(string text)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var word = 0;
            while (word < text.Length && IsWordCharacter(text[word]))
            {
                word++;
            }

            if (!ByFirstWord.TryGetValue(text[..word], out var candidates))
            {
                break;
            }

            foreach (var (phrase, needsPunctuation) in candidates)
            {
                if (!text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)
                    || (text.Length > phrase.Length && IsWordCharacter(text[phrase.Length])))
                {
                    continue;
                }

                var end = phrase.Length;
                while (end < text.Length && IsSeparator(text[end]))
                {
                    end++;
                }

                var rest = text[end..];
                if ((needsPunctuation && !text.AsSpan(phrase.Length, end - phrase.Length).ContainsAnyExcept(' ')) || !HasWords(rest))
                {
                    continue;
                }

                text = rest;
                changed = true;
                break;
            }
        }

        return text;
    }

    private static string StripTrailing(string text)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var end = text.Length;
            while (end > 0 && (IsSeparator(text[end - 1]) || text[end - 1] is '?' or ')'))
            {
                end--;
            }

            var word = end;
            while (word > 0 && IsWordCharacter(text[word - 1]))
            {
                word--;
            }

            if (!ByLastWord.TryGetValue(text[word..end], out var candidates))
            {
                break;
            }

            var asked = text.AsSpan(end).Contains('?');
            foreach (var (phrase, needsPunctuation) in candidates)
            {
                var start = end - phrase.Length;
                if (start < 0 || !text.AsSpan(start, phrase.Length).Equals(phrase, StringComparison.OrdinalIgnoreCase)
                    || (start > 0 && IsWordCharacter(text[start - 1])))
                {
                    continue;
                }

                var before = start;
                while (before > 0 && (IsSeparator(text[before - 1]) || text[before - 1] == '?'))
                {
                    before--;
                }

                var gap = text.AsSpan(before, start - before);
                var rest = text[..before];
                if ((needsPunctuation && !gap.ContainsAnyExcept(' ')) || !HasWords(rest))
                {
                    continue;
                }

                // "When was it? thanks" and "When was it, thanks?" both stay questions.
                text = asked || gap.Contains('?') ? rest + "?" : rest;
                changed = true;
                break;
            }
        }

        return text;
    }

    // Longest first, so "hi there" goes whole rather than leaving "there".
    private static Dictionary<string, (string, bool)[]> Index(string[] free, string[] punctuated, Func<string, string> key) =>
        free.Select(p => (Phrase: p, NeedsPunctuation: false)).Concat(punctuated.Select(p => (Phrase: p, NeedsPunctuation: true)))
            .GroupBy(p => key(p.Phrase), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Phrase.Length).ToArray(), StringComparer.OrdinalIgnoreCase);

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '\'' or '-' or '_' or '@';

    private static bool IsSeparator(char c) => c is ' ' or ',' or '.' or ':' or ';' or '!' or '-' or '–' or '—' or '…';

    private static bool HasWords(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
