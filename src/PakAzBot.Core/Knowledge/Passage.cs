using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Knowledge;

public enum PassageKind
{
    Paragraph,

    /// <summary>A quotation embedded in the document (a social-media post, say), with its own author and date.</summary>
    Quote,
}

/// <summary>A paragraph of a source document, verbatim, with its sentences and the dates they state.</summary>
public sealed record Passage
{
    public required string DocumentId { get; init; }

    /// <summary>1-based position among the document's paragraphs.</summary>
    public required int Number { get; init; }

    public required string? Section { get; init; }

    public required string Text { get; init; }

    /// <summary>1-based line of the file where the paragraph starts.</summary>
    public required int Line { get; init; }

    public PassageKind Kind { get; init; } = PassageKind.Paragraph;

    /// <summary>For a quote: who said it, as the attribution line gives it.</summary>
    public string? Attribution { get; init; }

    public required IReadOnlyList<Sentence> Sentences { get; init; }

    /// <summary>A stable id for buttons and links: document id and paragraph number.</summary>
    public string Id => $"{DocumentId}#{Number}";

    public IEnumerable<DateMention> Dates => Sentences.SelectMany(s => s.Dates);
}

/// <summary>A sentence of a passage. <see cref="Start"/> is its offset in the passage text.</summary>
public sealed record Sentence(int Index, int Start, string Text, IReadOnlyList<DateMention> Dates);
