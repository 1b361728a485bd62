using System.Text.RegularExpressions;

namespace PakAzBot.Core.Rendering;

/// <summary>Shortens text for surfaces with size limits, at a sentence boundary where it can, with an ellipsis.</summary>
public static partial class TextFit
{
    /// <summary>Cuts text to <paramref name="limit"/> characters at a sentence boundary where it can, with an ellipsis.</summary>
    public static string Fit(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var room = text[..(limit - 2)];
        var sentence = SentenceEnd().Matches(room).LastOrDefault();
        if (sentence is not null && sentence.Index > limit / 3)
        {
            return room[..(sentence.Index + 1)] + " …";
        }

        // Cut between words: where the room ends, if a word ends there, else at the last space.
        var space = char.IsWhiteSpace(text[room.Length]) ? room.Length : room.LastIndexOf(' ');
        return room[..(space > limit / 2 ? space : room.Length)].TrimEnd() + " …";
    }

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
