namespace PakAzBot.Core.Knowledge;

/// <summary>Every validated document of the knowledge folder, and the query-time synonyms.</summary>
public sealed partial class KnowledgeBase
{
    private readonly Dictionary<string, Passage> _passagesById;
    private readonly Dictionary<string, SourceDocument> _documentsById;

    public KnowledgeBase(IReadOnlyList<SourceDocument> documents, string? synonyms, string contentHash, string? directory = null,
        IReadOnlyList<KnowledgeError>? warnings = null)
    {
        Warnings = warnings ?? [];
        Documents = documents;
        Synonyms = synonyms;
        ContentHash = contentHash;
        Directory = directory;
        Passages = documents.SelectMany(d => d.Paragraphs).ToList();
        _passagesById = Passages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _documentsById = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<SourceDocument> Documents { get; }

    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>The contents of synonyms.txt (Solr format), or null when there is none.</summary>
    public string? Synonyms { get; }

    /// <summary>The cross-language lexicon (<c>lexicon/*.txt</c>): how questions in Urdu, Roman Urdu and Azerbaijani are read.</summary>
    public Languages.Lexicon Lexicon { get; init; } = Languages.Lexicon.Empty;

    /// <summary>Every word the sources write (paragraphs, section headings, titles), folded as the lexicon folds words:
    /// the words a question in another language may carry over as they are. Computed on first use.</summary>
    public IReadOnlySet<string> Words => _words ??= Passages.SelectMany(p => WordPattern().Matches(p.Text + " " + p.Section))
        .Concat(Documents.SelectMany(d => WordPattern().Matches(d.Title)))
        .Select(m => Languages.Fold.Word(m.Value))
        .ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _words;

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();

    /// <summary>SHA-256 over every knowledge file's name and bytes: equal hashes mean equal knowledge.</summary>
    public string ContentHash { get; }

    public string? Directory { get; }

    /// <summary>Files that were skipped (not regular files), each said so that a moderator can see why it is not served.</summary>
    public IReadOnlyList<KnowledgeError> Warnings { get; }

    public SourceDocument Document(string id) => _documentsById[id];

    public SourceDocument DocumentOf(Passage passage) => _documentsById[passage.DocumentId];

    public bool TryGetPassage(string id, out Passage passage) => _passagesById.TryGetValue(id, out passage!);

    /// <summary>Section headings in document order, each once: what the sources are about.</summary>
    public IReadOnlyList<string> Topics() =>
        Passages.Select(p => p.Section).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
