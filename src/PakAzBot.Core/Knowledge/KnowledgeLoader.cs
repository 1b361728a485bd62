using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PakAzBot.Core.Knowledge;

/// <summary>
/// Reads and validates a knowledge folder: Markdown documents with YAML front matter, and synonyms.txt.
/// All or nothing: any error refuses the whole folder, so a bad document never half-enters the index.
/// </summary>
public static partial class KnowledgeLoader
{
    public const string SynonymsFile = "synonyms.txt";

    /// <summary>Ids travel inside chat buttons, whose identifiers Discord limits to 100 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Front matter holds a few short keys; more than this is a mistake (or an attack on the YAML parser).</summary>
    public const int MaxFrontMatterBytes = 16 * 1024;

    /// <summary>Front matter is 'key: value' lines, so depth 1; this leaves room for a mistake to be reported as one.</summary>
    public const int MaxFrontMatterDepth = 8;

    private static readonly string[] RequiredKeys = ["id", "title", "publisher", "published", "language"];
    private static readonly string[] OptionalKeys = ["dateline", "url"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>CommonMark, with the YAML front matter block; nothing else (no smart quotes, no bare-address links).</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <summary>Loads every document under <paramref name="directory"/>, or throws <see cref="KnowledgeValidationException"/> with every error found.</summary>
    public static KnowledgeBase Load(string directory) => Load(directory, beforeRead: null);

    /// <summary>
    /// As <see cref="Load(string)"/>; <paramref name="beforeRead"/> is called with each file's name just before it is
    /// read (tests use it to change the folder mid-rebuild).
    /// </summary>
    internal static KnowledgeBase Load(string directory, Action<string>? beforeRead)
    {
        var root = KnowledgeFolder.RealPath(directory);
        if (root is null || !System.IO.Directory.Exists(root))
        {
            throw new KnowledgeValidationException(
                [new KnowledgeError(directory, 0, "the knowledge folder does not exist; pass --knowledge DIR or set Knowledge:Path")]);
        }

        var errors = new List<KnowledgeError>();
        var warnings = new List<KnowledgeError>();
        var files = KnowledgeFolder.Documents(root, errors, warnings);
        var documents = new List<SourceDocument>();
        var idsSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Files parse independently, so they are read in parallel; everything after is in file order.
        var parsed = files.AsParallel().AsOrdered().Select(file =>
        {
            var fileErrors = new List<KnowledgeError>();
            var fileWarnings = new List<KnowledgeError>();
            beforeRead?.Invoke(file.Name);
            var bytes = KnowledgeFolder.Read(file, fileErrors, fileWarnings);
            var document = bytes is null ? null : Parse(file.Name, bytes, fileErrors);
            return (File: file, Bytes: bytes, Document: document, Errors: fileErrors, Warnings: fileWarnings);
        }).ToList();

        var read = 0;
        foreach (var (file, bytes, document, fileErrors, fileWarnings) in parsed)
        {
            warnings.AddRange(fileWarnings);
            if (bytes is null)
            {
                errors.AddRange(fileErrors);
                continue;
            }

            read++;
            hash.AppendData(Encoding.UTF8.GetBytes(file.Name + "\n"));
            hash.AppendData(bytes);
            if (document is not null && idsSeen.TryGetValue(document.Id, out var other))
            {
                fileErrors.Add(new KnowledgeError(file.Name, LineOfKey(bytes, "id"),
                    $"duplicate id '{document.Id}': {other} already uses it; give this document an id of its own"));
            }

            errors.AddRange(fileErrors);
            if (document is not null && fileErrors.Count == 0)
            {
                idsSeen[document.Id] = file.Name;
                documents.Add(document with { FilePath = file.RealPath });
            }
        }

        string? synonyms = null;
        var synonymsPath = Path.Combine(root, SynonymsFile);
        if (File.Exists(synonymsPath) || new FileInfo(synonymsPath).LinkTarget is not null)
        {
            var real = KnowledgeFolder.Resolve(root, synonymsPath, SynonymsFile, errors);
            var bytes = real is null ? null : KnowledgeFolder.Read(new KnowledgeFile(SynonymsFile, real), errors, warnings);
            if (bytes is not null)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(SynonymsFile + "\n"));
                hash.AppendData(bytes);
                synonyms = Decode(SynonymsFile, bytes, errors);
            }
        }

        var lexicon = LoadLexicon(root, hash, errors, warnings);

        if (read == 0 && errors.Count == 0)
        {
            errors.Add(new KnowledgeError(directory, 0, "no documents found; add a Markdown (.md) document as knowledge/README.md describes"));
        }

        if (errors.Count > 0)
        {
            throw new KnowledgeValidationException(errors);
        }

        return new KnowledgeBase(documents, synonyms, Convert.ToHexStringLower(hash.GetHashAndReset()), root, warnings) { Lexicon = lexicon };
    }

    /// <summary>The folder under the knowledge folder that holds the cross-language lexicon, one file per language.</summary>
    public const string LexiconFolder = "lexicon";

    private static Languages.Lexicon LoadLexicon(string root, IncrementalHash hash, List<KnowledgeError> errors, List<KnowledgeError> warnings)
    {
        var files = new List<(Languages.Language, string, string)>();
        foreach (var (language, leaf) in Languages.Lexicon.Files)
        {
            var name = LexiconFolder + "/" + leaf;
            var path = Path.Combine(root, LexiconFolder, leaf);
            if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                // A folder without its own lexicon reads questions with the one this build ships.
                if (Languages.Lexicon.BuiltIn(leaf) is { } shipped)
                {
                    files.Add((language, "(built in) " + name, shipped));
                }

                continue;
            }

            var real = KnowledgeFolder.Resolve(root, path, name, errors);
            var bytes = real is null ? null : KnowledgeFolder.Read(new KnowledgeFile(name, real), errors, warnings);
            if (bytes is null || Decode(name, bytes, errors) is not { } text)
            {
                continue;
            }

            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(bytes);
            files.Add((language, name, text));
        }

        return files.Count == 0 ? Languages.Lexicon.Empty : Languages.Lexicon.Parse(files, errors);
    }

    /// <summary>Validates and parses one document; errors go to <paramref name="errors"/>.</summary>
    public static SourceDocument? Parse(string file, byte[] bytes, List<KnowledgeError> errors)
    {
        var text = Decode(file, bytes, errors);
        if (text is null)
        {
            return null;
        }

        text = text.Replace("\r\n", "\n");
        var lines = new LineMap(text);
        MarkdownDocument markdown;
        try
        {
            markdown = Markdown.Parse(text, Pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Markdig refuses input nested past its depth limit rather than overflow the stack.
            errors.Add(new KnowledgeError(file, 1, $"the Markdown cannot be read ({e.Message}); write plain paragraphs, '## ' headings and '>' quotes"));
            return null;
        }

        var frontMatter = markdown.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var close = -1;
        var meta = default((string Id, string Title, string Publisher, DateOnly Published, string? Dateline, string Language, Uri? Url)?);
        if (frontMatter is null)
        {
            if (text.Split('\n', 2)[0].TrimEnd() == "---")
            {
                errors.Add(new KnowledgeError(file, 1, "the front matter is not closed: add a line '---' after its last key"));
                return null;
            }

            errors.Add(new KnowledgeError(file, 1,
                "missing front matter: the file must start with a line '---', then id, title, publisher, published, language, then '---'"));
        }
        else
        {
            // The block ends just before its closing '---' line.
            close = lines.IndexOf(frontMatter.Span.End + 1);
            meta = ParseFrontMatter(file, text.Split('\n')[1..close], errors);
        }

        // The body is checked even when the front matter is wrong, so that one pass reports every problem in the file.
        var before = errors.Count;
        var paragraphs = ParseBody(file, markdown, lines, meta?.Id ?? "invalid", meta?.Published ?? FallbackPublished, errors);
        if (paragraphs.Count == 0 && errors.Count == before)
        {
            errors.Add(new KnowledgeError(file, close + 2, "the document has no paragraphs: add its text below the front matter"));
        }

        if (meta is null)
        {
            return null;
        }

        var (id, title, publisher, published, dateline, language, url) = meta.Value;
        return new SourceDocument(id, title, publisher, published, dateline, language, url, file, paragraphs);
    }

    // What relative dates read against while the body of a document whose front matter is wrong is checked.
    private static readonly DateOnly FallbackPublished = new(2000, 1, 1);

    private static string? Decode(string file, byte[] bytes, List<KnowledgeError> errors)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            // Every line that is not UTF-8 is named (a file saved in another encoding has many; the first few are enough).
            const int shown = 10;
            var bad = new List<int>();
            var line = 1;
            foreach (var range in span.Split((byte)'\n'))
            {
                if (!System.Text.Unicode.Utf8.IsValid(span[range]))
                {
                    bad.Add(line);
                }

                line++;
            }

            foreach (var number in bad.Take(shown))
            {
                errors.Add(new KnowledgeError(file, number, "the line is not valid UTF-8: save the file with UTF-8 encoding"));
            }

            if (bad.Count > shown)
            {
                errors.Add(new KnowledgeError(file, bad[shown], $"and {bad.Count - shown} more lines are not valid UTF-8: save the file with UTF-8 encoding"));
            }

            return null;
        }
    }

    private static (string Id, string Title, string Publisher, DateOnly Published, string? Dateline, string Language, Uri? Url)?
        ParseFrontMatter(string file, string[] lines, List<KnowledgeError> errors)
    {
        const int firstLine = 2;
        var yaml = string.Join('\n', lines);
        if (Encoding.UTF8.GetByteCount(yaml) > MaxFrontMatterBytes)
        {
            errors.Add(new KnowledgeError(file, firstLine,
                $"the front matter is larger than {MaxFrontMatterBytes / 1024} KB; it holds only id, title, publisher, published, language, dateline and url, one short 'key: value' per line"));
            return null;
        }

        YamlMappingNode mapping;
        try
        {
            if (TooDeep(yaml) is { } deep)
            {
                errors.Add(new KnowledgeError(file, firstLine - 1 + deep,
                    $"the front matter nests lists or mappings more than {MaxFrontMatterDepth} deep; write one 'key: value' per line, each value a single line of text"));
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                errors.Add(new KnowledgeError(file, firstLine, "the front matter must be 'key: value' lines (id, title, publisher, published, language)"));
                return null;
            }

            mapping = m;
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            errors.Add(new KnowledgeError(file, firstLine - 1 + (int)e.Start.Line,
                $"the front matter is not valid YAML ({reason}); write one 'key: value' per line and quote values that contain ': '"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives no position for some malformed input (an unclosed '[' or '{').
            errors.Add(new KnowledgeError(file, firstLine,
                "the front matter is not valid YAML; write one 'key: value' per line and quote values that start with '[', '{' or contain ': '"));
            return null;
        }

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var before = errors.Count;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode k ? k.Value ?? "" : "";
            var line = firstLine - 1 + (int)keyNode.Start.Line;
            if (!RequiredKeys.Contains(key) && !OptionalKeys.Contains(key))
            {
                errors.Add(new KnowledgeError(file, line,
                    $"unknown front matter key '{key}'; the keys are {string.Join(", ", RequiredKeys.Concat(OptionalKeys))}"));
                continue;
            }

            if (valueNode is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
            {
                errors.Add(new KnowledgeError(file, line, $"'{key}' needs a single non-empty value"));
                continue;
            }

            values[key] = (scalar.Value.Trim(), line);
        }

        foreach (var key in RequiredKeys)
        {
            if (!values.ContainsKey(key) && !errors.Skip(before).Any(e => e.Message.StartsWith($"'{key}'", StringComparison.Ordinal)))
            {
                errors.Add(new KnowledgeError(file, 1, $"missing front matter key '{key}'"));
            }
        }

        if (values.TryGetValue("id", out var id) && (!IdPattern().IsMatch(id.Value) || id.Value.Length > MaxIdLength))
        {
            errors.Add(new KnowledgeError(file, id.Line,
                $"id '{id.Value}' is not valid: use at most {MaxIdLength} lower-case letters, digits and hyphens, such as 'tdi-2022-06-11-pakistan-azerbaijan'"));
        }

        var published = default(DateOnly);
        if (values.TryGetValue("published", out var pub)
            && !DateOnly.TryParseExact(pub.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out published))
        {
            errors.Add(new KnowledgeError(file, pub.Line,
                $"published '{pub.Value}' is not a date: write it as YYYY-MM-DD, such as 2022-06-11"));
        }

        if (values.TryGetValue("language", out var lang) && !LanguagePattern().IsMatch(lang.Value))
        {
            errors.Add(new KnowledgeError(file, lang.Line,
                $"language '{lang.Value}' is not a language tag: use one such as 'en' or 'az'"));
        }

        Uri? url = null;
        if (values.TryGetValue("url", out var u)
            && (!Uri.TryCreate(u.Value, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add(new KnowledgeError(file, u.Line, $"url '{u.Value}' is not an absolute http(s) address"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return (values["id"].Value, values["title"].Value, values["publisher"].Value, published,
            values.TryGetValue("dateline", out var d) ? d.Value : null, values["language"].Value, url);
    }

    /// <summary>
    /// The line (in the YAML) where nesting first goes past <see cref="MaxFrontMatterDepth"/>, or null. YamlDotNet's
    /// event parser keeps its own stack, so this pass is safe at any depth; the document model that is loaded after it
    /// recurses once per level, and deep enough input would overflow the stack, which no handler can catch.
    /// </summary>
    private static int? TooDeep(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxFrontMatterDepth)
                    {
                        return (int)parser.Current.Start.Line;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

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

    private static int LineOfKey(byte[] bytes, string key)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return index < 0 ? 1 : index + 1;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

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
