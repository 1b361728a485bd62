using System.Text.RegularExpressions;

namespace PakAzBot.Core.Text;

/// <summary>
/// Removes what chat clients add around a question: Discord's mentions, emoji and timestamps, Teams' &lt;at&gt;
/// mentions and HTML, and Markdown, keeping the words a reader sees.
/// </summary>
/// <remarks>Expects line breaks as <c>\n</c> (as <see cref="QuestionCharacters.Filter"/> leaves them), since Markdown's
/// block quotes, headings and bullets are only markup at the start of a line.</remarks>
internal static partial class ChatMarkup
{
    // Tags that end a line when rendered; removing them without a space would glue two words together.
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    // Inline tags, removed without a space. Only known tag names count as markup, so "<insert name here>" stays.
    private static readonly HashSet<string> InlineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "at", "attachment", "b", "big", "center", "cite", "code", "del", "dfn", "em", "emoji", "font", "i",
        "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt",
        "u", "var", "wbr",
    };

    // Every pattern below starts with one of these, or with a digit at a line start ("1. ").
    private static readonly System.Buffers.SearchValues<char> MarkupCharacters = System.Buffers.SearchValues.Create("<>@*_~|`´[#-+•‣◦▪\n");

    public static string Strip(string text)
    {
        if (text.AsSpan().IndexOfAny(MarkupCharacters) < 0 && !char.IsAsciiDigit(text.TrimStart().FirstOrDefault()))
        {
            return text; // a plain question, as most are
        }

        text = CodeFence().Replace(text, "\n");
        text = DiscordToken().Replace(text, " ");
        text = BroadcastMention().Replace(text, " ");
        text = TeamsMention().Replace(text, " ");
        text = HtmlComment().Replace(text, " ");
        text = MarkdownLink().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = HtmlTag().Replace(text, m =>
            BlockTags.Contains(m.Groups["name"].Value) ? "\n" : InlineTags.Contains(m.Groups["name"].Value) ? "" : m.Value);
        text = LineMarker().Replace(text, "");
        text = StrikeOrSpoiler().Replace(text, "");
        text = Emphasis().Replace(text, "");

        // A backtick or acute accent between letters is an apostrophe typed on the wrong key; any other is code markup.
        text = WrongApostrophe().Replace(text, "'");
        return Backticks().Replace(text, "");
    }

    // An opening or closing ``` with its optional language tag, when the fence ends its line.
    [GeneratedRegex(@"```[^\S\n]*[\w+#.-]*[^\S\n]*\n")]
    private static partial Regex CodeFence();

    // User, nickname, role, channel and slash-command mentions, custom (animated) emoji, timestamps, guild links.
    [GeneratedRegex(@"<(?:@[!&]?\d+|#\d+|a?:\w{1,64}:\d+|t:-?\d+(?::[a-zA-Z])?|/[\w -]{1,100}:\d+|id:\w{1,32})>")]
    private static partial Regex DiscordToken();

    [GeneratedRegex(@"(?<![\w@])@(?:everyone|here)(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex BroadcastMention();

    // The mentioned name is whom the message is addressed to, not part of the question.
    [GeneratedRegex(@"<at(?:\s[^<>]*)?>[^<]*</at\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex TeamsMention();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    // [text](url), [text](<url>) and [text](url "title").
    [GeneratedRegex(@"\[(?<text>[^\[\]\n]*)\]\([^\S\n]*(?:<[^<>\n]*>|[^()\s]*)(?:[^\S\n]+""[^""\n]*"")?[^\S\n]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(?<url>(?:https?|ftp|mailto):[^\s<>]+)>", RegexOptions.IgnoreCase)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?(?<name>[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    // Block quotes (> and >>>), headings (# to ######, Discord's -# subtext), bullets and numbered items, nested.
    [GeneratedRegex(@"^[^\S\n]*(?:(?:>{1,3}|#{1,6}|-#|[-*+•‣◦▪]|\d{1,2}[.)])(?:[^\S\n]+|$))+", RegexOptions.Multiline)]
    private static partial Regex LineMarker();

    // Strike-through, spoilers and bold asterisks are markup wherever they are (un**believ**able); a double underscore
    // only outside a word, as in __init__, not snake__case.
    [GeneratedRegex(@"~~|\|\||\*\*+|(?<![\p{L}\p{N}_])__+|__+(?![\p{L}\p{N}_])")]
    private static partial Regex StrikeOrSpoiler();

    // Runs of * and _ that open or close a word (*a*, **b**, __c__, _d_), never those inside one (snake_case, 5*3)
    // or standing alone between spaces.
    [GeneratedRegex(@"(?<![\p{L}\p{N}*_])[*_]+(?=[^\s*_])|(?<=[^\s*_])[*_]+(?![\p{L}\p{N}*_])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?<=\p{L})[`´](?=\p{L})")]
    private static partial Regex WrongApostrophe();

    [GeneratedRegex("`+")]
    private static partial Regex Backticks();
}
