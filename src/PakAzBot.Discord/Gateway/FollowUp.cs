using System.Text.RegularExpressions;
using PakAzBot.Core.Answering;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// A reply to one of the bot's answers asks a follow-up, with the earlier question as context. The rule is kept
/// simple and general: a follow-up that names fewer than <see cref="SubjectWords"/> content words of its own ("what
/// about Azerbaijan?", "and in 1995?", "when?") leans on the earlier question, so it is asked as the earlier question,
/// its closing punctuation and the content words the follow-up repeats left out, followed by the follow-up without
/// its lead-in ("and", "what about", "how about", "also", "then"). A follow-up with a subject of its own ("and when did
/// Azerbaijan open its embassy in Islamabad?") is asked as it is.
/// </summary>
internal static partial class FollowUp
{
    public const int SubjectWords = 3;

    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "as", "it", "that", "this",
        "these", "there", "then", "their", "they", "be", "not", "no", "yes", "if", "into", "than", "too", "ok", "okay", "thanks",
    };

    public static string Combine(string? earlier, string followUp)
    {
        var rest = LeadIn().Replace(followUp.Trim(), "").Trim();
        if (string.IsNullOrWhiteSpace(earlier) || rest.Length == 0 && followUp.Trim().Length == 0)
        {
            return followUp;
        }

        var own = ContentWords(rest).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (own.Count >= SubjectWords)
        {
            return followUp;
        }

        var context = Word().Replace(earlier.Trim().TrimEnd('?', '.', '!', ' '), m => own.Contains(m.Value) ? "" : m.Value);
        return Spaces().Replace(context + " " + rest, " ").Trim();
    }

    private static IEnumerable<string> ContentWords(string text) =>
        Word().Matches(text).Select(m => m.Value)
            .Where(w => !FunctionWords.Contains(w) && !QuestionWords.StopWords.Contains(w.ToLowerInvariant()));

    [GeneratedRegex(@"^(?:and|also|then|so|but|what about|how about)\b[\s,]*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
