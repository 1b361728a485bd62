namespace PakAzBot.Core.Knowledge;

/// <summary>One curated source: its metadata from the front matter and its paragraphs, verbatim.</summary>
public sealed record SourceDocument(
    string Id,
    string Title,
    string Publisher,
    DateOnly Published,
    string? Dateline,
    string Language,
    Uri? Url,
    string FilePath,
    IReadOnlyList<Passage> Paragraphs);
