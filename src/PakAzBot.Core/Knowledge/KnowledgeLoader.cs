using System.Security.Cryptography;
using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

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

    private static int LineOfKey(byte[] bytes, string key)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return index < 0 ? 1 : index + 1;
    }
}
