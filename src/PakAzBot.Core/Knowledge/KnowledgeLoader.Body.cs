using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Text;

namespace PakAzBot.Core.Knowledge;

/// <summary>A document's body: its paragraphs and quotes as passages, each sentence with the dates it states.</summary>
public static partial class KnowledgeLoader
{
    /// <summary>
    /// The passages of a document's body, from Markdig's CommonMark tree: each paragraph (in a list item too) is one,
    /// and so is each quote; '## ' headings name the sections. Markup becomes the text a reader sees: a link's text
    /// without its address, emphasis without its asterisks, code without its backticks, a line break as a space.
    /// </summary>
    private static List<Passage> ParseBody(string file, MarkdownDocument markdown, LineMap lines, string documentId, DateOnly published, List<KnowledgeError> errors)
    {
        var passages = new List<Passage>();
        string? section = null;

        // The last date stated before the current sentence in this section: what "two months later", "the following
        // year" or "20 September" read against. A heading starts afresh, since a new section need not go on in time
        // from the one before it; then only the publication date is left.
        PartialDate? context = null;
        Walk(markdown);
        return passages;

        void Walk(ContainerBlock container)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case YamlFrontMatterBlock or HtmlBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                        // Not text a reader sees: the front matter, HTML such as '<!-- comments -->', rules, link targets.
                        break;
                    case HeadingBlock heading:
                        if (heading.Level == 1)
                        {
                            errors.Add(new KnowledgeError(file, heading.Line + 1, "a '# ' heading is not allowed: the title belongs in the front matter; use '## ' for sections"));
                        }

                        var title = PlainText(heading.Inline, " ").Trim();
                        section = title.Length == 0 ? null : title;
                        context = null;
                        break;
                    case QuoteBlock quote:
                        Add(ParseQuote(file, quote, lines, documentId, passages.Count + 1, section, published, errors));
                        break;
                    case ParagraphBlock paragraph:
                        AddParagraph(PlainText(paragraph.Inline, " "), paragraph.Line + 1);
                        break;
                    case LeafBlock leaf:
                        // Code, indented or fenced: its text as it stands, lines joined as a paragraph's are.
                        AddParagraph(string.Join(' ', leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.Slice.ToString().Trim()).Where(l => l.Length > 0)), leaf.Line + 1);
                        break;
                    case ContainerBlock inner:
                        // Lists and their items: each paragraph in them is a passage of its own.
                        Walk(inner);
                        break;
                }
            }
        }

        void AddParagraph(string text, int line)
        {
            text = text.Trim();
            if (text.Length > 0)
            {
                Add(MakeParagraph(documentId, passages.Count + 1, section, text, line, published, ref context));
            }
        }

        void Add(Passage? passage)
        {
            if (passage is not null)
            {
                passages.Add(passage);
            }
        }
    }

    /// <summary>The text a reader sees of some inline Markdown; <paramref name="lineBreak"/> stands for each line break.</summary>
    private static string PlainText(ContainerInline? inlines, string lineBreak)
    {
        var text = new StringBuilder();
        Append(inlines);
        return text.ToString();

        void Append(ContainerInline? container)
        {
            for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        text.Append(literal.Content.AsSpan());
                        break;
                    case CodeInline code:
                        text.Append(code.Content);
                        break;
                    case LineBreakInline:
                        text.Append(lineBreak);
                        break;
                    case AutolinkInline autolink:
                        text.Append(autolink.Url);
                        break;
                    case HtmlEntityInline entity:
                        text.Append(entity.Transcoded.AsSpan());
                        break;
                    case LinkInline { IsImage: true }:
                    case HtmlInline:
                        // An image is not text; a tag is not shown.
                        break;
                    case ContainerInline children:
                        // A link's text (its address is not shown), emphasis.
                        Append(children);
                        break;
                }
            }
        }
    }

    private static Passage MakeParagraph(
        string documentId, int number, string? section, string text, int line, DateOnly published, ref PartialDate? context)
    {
        var sentences = new List<Sentence>();
        foreach (var (s, index) in SentenceSplitter.Split(text).Select((s, index) => (s, index)))
        {
            var dates = DateRecognizer.Recognize(s.Text, published, context);
            sentences.Add(new Sentence(index, s.Start, s.Text, dates));
            context = dates.Count > 0 ? dates[^1].Date : context;
        }

        return new Passage
        {
            DocumentId = documentId,
            Number = number,
            Section = section,
            Text = text,
            Line = line,
            Sentences = sentences,
        };
    }

    // A quote does not move the context: it is an interjection dated by when it was said, and the article's own
    // account goes on around it.
    // A quote is a block of '>' lines whose last line is its attribution: '> — Author Date'.
    private static Passage? ParseQuote(string file, QuoteBlock quote, LineMap lines, string documentId, int number, string? section,
        DateOnly published, List<KnowledgeError> errors)
    {
        // The quote's lines as a reader sees them, a blank line between its paragraphs.
        var content = new List<string>();
        Collect(quote);
        var lastLine = lines.IndexOf(quote.Span.End) + 1;
        var last = content.Count > 0 ? content[^1] : "";
        var attribution = AttributionPattern().Match(last);
        if (!attribution.Success || content.Count < 2)
        {
            errors.Add(new KnowledgeError(file, lastLine,
                "a quote needs a last line giving its author and date, such as '> — Azerbaijan Emb. to Pakistan (@AzEmbPak) June 10, 2022'"));
            return null;
        }

        var by = attribution.Groups[1].Value;
        var dates = DateRecognizer.Recognize(by, published);
        var date = dates.Count > 0 ? dates[^1] : null;
        if (date is null || by[(date.Start + date.Length)..].Trim().Length > 0)
        {
            errors.Add(new KnowledgeError(file, lastLine,
                "the quote's attribution must end with the date it was said, such as 'June 10, 2022'"));
            return null;
        }

        // The attribution line stays in the quote's text: it is part of what the source printed.
        var text = string.Join('\n', content);
        var dateStart = text.Length - last.Length + attribution.Groups[1].Index + date.Start;
        var author = by[..date.Start].Trim().TrimEnd(',').Trim();
        return new Passage
        {
            DocumentId = documentId,
            Number = number,
            Section = section,
            Text = text,
            Line = quote.Line + 1,
            Kind = PassageKind.Quote,
            Attribution = author,
            // A quote is one statement whatever its language: it carries the date of its attribution.
            Sentences = [new Sentence(0, 0, text, [date with { Start = dateStart }])],
        };

        void Collect(ContainerBlock container)
        {
            foreach (var block in container)
            {
                var blockLines = block switch
                {
                    ParagraphBlock paragraph => PlainText(paragraph.Inline, "\n").Split('\n').Select(l => l.Trim()),
                    HeadingBlock heading => [PlainText(heading.Inline, " ").Trim()],
                    LeafBlock leaf and not HtmlBlock and not ThematicBreakBlock and not LinkReferenceDefinition =>
                        leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.Slice.ToString().Trim()),
                    LinkReferenceDefinitionGroup => [],
                    ContainerBlock => null,
                    _ => [],
                };
                if (blockLines is null)
                {
                    Collect((ContainerBlock)block);
                    continue;
                }

                var add = blockLines.Where(l => l.Length > 0).ToList();
                if (add.Count > 0)
                {
                    if (content.Count > 0)
                    {
                        content.Add("");
                    }

                    content.AddRange(add);
                }
            }
        }
    }

    [GeneratedRegex("^(?:—|--|–)\\s*(.+)$")]
    private static partial Regex AttributionPattern();

    /// <summary>Character offsets to 0-based line indexes, for the spans Markdig gives.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int IndexOf(int offset)
        {
            var index = _starts.BinarySearch(offset);
            return index >= 0 ? index : ~index - 1;
        }
    }
}
