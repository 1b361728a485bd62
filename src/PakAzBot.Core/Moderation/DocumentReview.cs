using System.Text;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Moderation;

/// <summary>What a moderator's change does to the knowledge source.</summary>
public enum DocumentAction
{
    Add,
    Replace,
    Remove,
}

/// <summary>Who asks for a change, on which surface; <see cref="Id"/> is what decides who may confirm it.</summary>
public sealed record Moderator(string Surface, string Id, string Name)
{
    public override string ToString() => $"{Name} ({Surface} {Id})";
}

/// <summary>
/// Why a file was refused before any review could be made (it is not a Markdown document at all), with the HTTP status
/// the admin API answers: 413 over the limit, 415 not Markdown (a zip, binary), 400 a name that is a path, 409 a
/// document that is already there unchanged.
/// </summary>
public sealed record DocumentRefusal(int Status, string Message);

/// <summary>
/// The review shown before anything changes: the document's metadata and counts, what it replaces, the validation
/// problems (as file:line: message) and a few of its dated statements; and the content hash of the knowledge
/// folder before and (when it validates) after the change, as /healthz reports it.
/// </summary>
public sealed record DocumentReview(
    DocumentAction Action,
    string? Id,
    string File,
    string? Title,
    string? Publisher,
    DateOnly? Published,
    int Paragraphs,
    int DatedStatements,
    string? Replaces,
    IReadOnlyList<KnowledgeError> Problems,
    IReadOnlyList<string> Samples,
    string? HashBefore,
    string? HashAfter)
{
    public bool Valid => Problems.Count == 0;

    /// <summary>The review as plain lines, for the command line, Discord and Teams alike.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>
        {
            Action switch
            {
                DocumentAction.Remove => $"Remove `{Id}` ({File})",
                DocumentAction.Replace => $"Replace `{Id}` ({Replaces}) with {File}",
                _ => $"Add `{Id ?? "(no valid id)"}` as {File}",
            },
        };
        if (Title is not null)
        {
            lines.Add($"Title: {Title}");
        }

        if (Publisher is not null || Published is not null)
        {
            lines.Add($"Publisher: {Publisher ?? "?"}, published {Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        }

        lines.Add($"{Paragraphs} paragraph(s), {DatedStatements} dated statement(s)");
        lines.AddRange(Samples.Select(s => "• " + s));
        if (Problems.Count > 0)
        {
            lines.Add($"{Problems.Count} problem(s); nothing will change until they are fixed:");
            lines.AddRange(Problems.Take(20).Select(p => "✗ " + p));
        }

        return lines;
    }
}

/// <summary>
/// Reviews a moderator's document as the knowledge loader would read it: in a scratch copy of the knowledge folder
/// with the change made, loaded by <see cref="KnowledgeLoader.Load(string)"/> itself, so a review that passes is a
/// folder the bot will load, and its content hash is the one /healthz will show.
/// </summary>
public static class DocumentReviewer
{
    /// <summary>A source article is a few tens of KB; a megabyte is a mistake or an attack.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>How many dated statements a review quotes.</summary>
    public const int SampleCount = 3;

    /// <summary>Why <paramref name="fileName"/> and <paramref name="bytes"/> are no Markdown document to review, or null.</summary>
    public static DocumentRefusal? Refusal(string fileName, long length, byte[]? bytes)
    {
        if (length > MaxDocumentBytes)
        {
            return new(413, $"The file is {length / 1024} KB; a document may be at most {MaxDocumentBytes / 1024} KB. Split it into several.");
        }

        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\', '\0']) >= 0 || fileName.StartsWith('.') || fileName.Contains("..", StringComparison.Ordinal)
            || fileName.Length > 120 || fileName.Any(char.IsControl))
        {
            return new(400, "The file name must be a plain name such as `my-article.md`, without a folder or a path in it.");
        }

        if (fileName.Equals("README.md", StringComparison.OrdinalIgnoreCase))
        {
            return new(400, "README.md is not read as a document; give the file the name of its id, such as `my-article.md`.");
        }

        if (bytes is { Length: >= 4 } && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] is 3 or 5 or 7)
        {
            return new(415, "The file is a zip archive; send the Markdown (.md) document itself.");
        }

        if (bytes is not null && Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return new(415, "The file is binary, not text; send a Markdown (.md) document saved as UTF-8.");
        }

        return fileName.EndsWith(".md", StringComparison.Ordinal)
            ? null
            : new(415, "Only Markdown documents (.md) can be added; the name must end in .md.");
    }

    /// <summary>Reviews adding (or replacing, when a document has the same id) <paramref name="fileName"/>.</summary>
    public static (DocumentReview? Review, DocumentRefusal? Refusal) ReviewAdd(string knowledgeRoot, string fileName, byte[] bytes)
    {
        if (Refusal(fileName, bytes.LongLength, bytes) is { } refused)
        {
            return (null, refused);
        }

        var current = Current(knowledgeRoot);
        var parseErrors = new List<KnowledgeError>();
        var parsed = KnowledgeLoader.Parse(fileName, bytes, parseErrors);
        var existing = parsed is null ? null : current.Files.FirstOrDefault(f => f.Id == parsed.Id);
        var target = existing?.File ?? fileName;
        var problems = new List<KnowledgeError>();
        if (existing is null && current.Files.FirstOrDefault(f => f.File == fileName) is { } taken && parsed is not null)
        {
            problems.Add(new KnowledgeError(fileName, 0,
                $"the knowledge folder's {fileName} holds the document '{taken.Id}', not '{parsed.Id}': give the file the name of its own id, such as {parsed.Id}.md, or give it the id '{taken.Id}' to replace that document"));
        }

        if (existing is not null && File.Exists(Path.Combine(current.Root, existing.File)) && File.ReadAllBytes(Path.Combine(current.Root, existing.File)).AsSpan().SequenceEqual(bytes))
        {
            return (null, new(409, $"`{parsed!.Id}` is already in the knowledge folder as {existing.File}, byte for byte; nothing to change."));
        }

        var action = existing is null ? DocumentAction.Add : DocumentAction.Replace;
        return (Validate(current, action, target, existing?.File, parsed, problems, scratch => File.WriteAllBytes(Path.Combine(scratch, target), bytes)), null);
    }

    /// <summary>Reviews removing the document <paramref name="id"/>; null when there is no such document.</summary>
    public static DocumentReview? ReviewRemove(string knowledgeRoot, string id)
    {
        var current = Current(knowledgeRoot);
        if (current.Files.FirstOrDefault(f => f.Id == id) is not { } existing)
        {
            return null;
        }

        return Validate(current, DocumentAction.Remove, existing.File, existing.File, existing.Document, [], scratch => File.Delete(Path.Combine(scratch, existing.File)));
    }

    /// <summary>The documents of the folder as it is: each one's id and file (relative), and the folder's content hash.</summary>
    private sealed record Folder(string Root, IReadOnlyList<FolderDocument> Files, string? Hash);

    private sealed record FolderDocument(string Id, string File, SourceDocument Document);

    private static Folder Current(string knowledgeRoot)
    {
        var root = KnowledgeFolder.RealPath(knowledgeRoot) ?? Path.GetFullPath(knowledgeRoot);
        try
        {
            var knowledge = KnowledgeLoader.Load(root);
            return new Folder(root, knowledge.Documents.Select(d => new FolderDocument(d.Id, Relative(root, d.FilePath), d)).ToList(), knowledge.ContentHash);
        }
        catch (KnowledgeValidationException)
        {
            // A folder that does not load today: each file that parses on its own still names its id.
            var errors = new List<KnowledgeError>();
            var files = KnowledgeFolder.Documents(root, errors, []);
            var documents = files.Select(f => (File: f, Document: KnowledgeFolder.Read(f, [], []) is { } b ? KnowledgeLoader.Parse(f.Name, b, []) : null))
                .Where(x => x.Document is not null).Select(x => new FolderDocument(x.Document!.Id, x.File.Name, x.Document!)).ToList();
            return new Folder(root, documents, null);
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static DocumentReview Validate(Folder current, DocumentAction action, string file, string? replaces, SourceDocument? parsed,
        List<KnowledgeError> problems, Action<string> change)
    {
        var scratch = Directory.CreateTempSubdirectory("pakazbot-review-").FullName;
        try
        {
            Copy(current.Root, scratch);
            change(scratch);
            KnowledgeBase? after = null;
            try
            {
                after = KnowledgeLoader.Load(scratch);
            }
            catch (KnowledgeValidationException e)
            {
                problems.AddRange(e.Errors.Select(x => x with { File = x.File == scratch ? "." : x.File }));
            }

            var document = action == DocumentAction.Remove ? parsed : after?.Documents.FirstOrDefault(d => d.Id == parsed?.Id) ?? parsed;
            var dated = document?.Paragraphs.SelectMany(p => p.Sentences).Where(s => s.Dates.Count > 0).ToList() ?? [];
            var samples = dated.Take(SampleCount).Select(s => $"{s.Dates[0].Date.Iso}: {Shorten(s.Text, 200)}").ToList();
            return new DocumentReview(action, document?.Id, file, document?.Title, document?.Publisher, document?.Published,
                document?.Paragraphs.Count ?? 0, dated.Count, replaces, problems, samples, current.Hash, problems.Count == 0 ? after?.ContentHash : null);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A scratch folder left in the temporary folder harms nothing.
            }
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Copies the folder's files as the loader would see them (links followed, hidden files such as .git left out).</summary>
    private static void Copy(string from, string to)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var leaf = Path.GetFileName(entry);
            if (leaf.StartsWith('.'))
            {
                continue;
            }

            var target = Path.Combine(to, leaf);
            if (Directory.Exists(entry))
            {
                Directory.CreateDirectory(target);
                Copy(entry, target);
            }
            else if (File.Exists(entry))
            {
                File.Copy(entry, target);
            }
        }
    }

    /// <summary>UTF-8 text of a reply, for tests and messages.</summary>
    internal static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
