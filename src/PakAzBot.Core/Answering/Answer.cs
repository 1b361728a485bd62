using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>The kind of answer a question asks for.</summary>
public enum QuestionType
{
    When,
    Who,
    Where,
    Why,
    HowMany,
    Which,

    /// <summary>"What were the drills called?": asks for a proper name.</summary>
    Name,
    What,
    YesNo,
    Other,
}

/// <summary>Why the bot declined to answer.</summary>
public enum AbstentionReason
{
    /// <summary>The question was empty or had no words that could be searched.</summary>
    NoQuestion,

    /// <summary>The question names something the sources never mention.</summary>
    UnknownSubject,

    /// <summary>The best passage does not say enough of what was asked.</summary>
    LowConfidence,
}

/// <summary>A passage of a source document, cited: the whole paragraph is the verbatim quote.</summary>
public sealed record Citation(SourceDocument Document, Passage Passage)
{
    public string Quote => Passage.Text;
}

/// <summary>
/// The transport-neutral answer: every surface (command line, web, Discord, Teams) renders this in its own form.
/// When <see cref="Answered"/> is false, <see cref="Text"/>, <see cref="Short"/> and <see cref="Date"/> are null
/// and <see cref="Reason"/> says why.
/// </summary>
public sealed record Answer
{
    public required string Question { get; init; }

    public required QuestionType Type { get; init; }

    public bool Answered => Reason is null;

    public AbstentionReason? Reason { get; init; }

    /// <summary>The verbatim sentence(s) of the cited passage that answer the question.</summary>
    public string? Text { get; init; }

    /// <summary>A short answer where the question type allows one: a date, a name, a place or a figure.</summary>
    public string? Short { get; init; }

    /// <summary>The date of the event the answer speaks of.</summary>
    public DateMention? Date { get; init; }

    /// <summary>0..1; see <see cref="Answerer"/> for the scale.</summary>
    public required double Confidence { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public IReadOnlyList<Citation> Related { get; init; } = [];

    /// <summary>For an abstention: what the sources do cover, closest first.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>For an abstention of kind <see cref="AbstentionReason.UnknownSubject"/>: the words the sources never mention.</summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];

    /// <summary>The values of the decision's named features (<c>Pipeline.Evidence.Names</c>), for evaluation; empty when
    /// the answer did not come from the decide stage.</summary>
    public IReadOnlyList<double> Evidence { get; init; } = [];
}
