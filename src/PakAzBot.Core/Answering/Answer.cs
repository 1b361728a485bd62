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

/// <summary>What the bot did with a question: the three outcomes every surface renders.</summary>
public enum AnswerOutcome
{
    /// <summary>One asserted answer: a short answer, the quote and its citation.</summary>
    Answered,

    /// <summary>Not sure: up to three of the closest passages, each quoted and cited, nothing asserted; the user picks.</summary>
    Suggested,

    /// <summary>Nothing in the sources is close: what they do cover instead.</summary>
    Declined,
}

/// <summary>Why the bot did not assert an answer (it suggested passages or declined).</summary>
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
/// One of the closest passages offered when the bot is not sure: cited as any passage is, with the sentence(s) of it
/// closest to the question (verbatim) and the date that sentence speaks of. Nothing in it is asserted as the answer.
/// </summary>
public sealed record Suggestion(Citation Citation, string Sentence, DateMention? Date);

/// <summary>Another document's answer to the same question that differs from the one given: its short answer, the
/// date it gives, the verbatim sentence and the citation.</summary>
public sealed record Conflict(string? Short, DateMention? Date, string Sentence, Citation Citation);

/// <summary>
/// The transport-neutral answer: every surface (command line, web, Discord, Teams) renders this in its own form.
/// When <see cref="Answered"/> is false, <see cref="Text"/>, <see cref="Short"/> and <see cref="Date"/> are null
/// and <see cref="Reason"/> says why; <see cref="Suggestions"/> then holds the closest passages, if any are close.
/// </summary>
public sealed record Answer
{
    public required string Question { get; init; }

    /// <summary>The language the question was asked in, which the reply's own words (not the quote) are written in.</summary>
    public Languages.Language Language { get; init; }

    public required QuestionType Type { get; init; }

    public bool Answered => Reason is null;

    /// <summary>Answered; suggested (not answered, with <see cref="Suggestions"/>); or declined (not answered, none).</summary>
    public AnswerOutcome Outcome => Reason is null ? AnswerOutcome.Answered
        : Suggestions.Count > 0 ? AnswerOutcome.Suggested
        : AnswerOutcome.Declined;

    /// <summary>True when the user chose this passage from the suggestions: the bot quotes it, but did not pick it.</summary>
    public bool Picked { get; init; }

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

    /// <summary>When answered: other documents' answers that differ from this one ("Sources differ"), best-ranked first;
    /// empty when none. Documents that say the same are cited after the first in <see cref="Citations"/>.</summary>
    public IReadOnlyList<Conflict> Conflicts { get; init; } = [];

    /// <summary>When not answered: the closest passages (at most three, closest first) for the user to pick from.</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    /// <summary>For an abstention: what the sources do cover, closest first.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>For an abstention of kind <see cref="AbstentionReason.UnknownSubject"/>: the words the sources never mention.</summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];

    /// <summary>The values of the decision's named features (<c>Pipeline.Evidence.Names</c>), for evaluation; empty when
    /// the answer did not come from the decide stage.</summary>
    public IReadOnlyList<double> Evidence { get; init; } = [];
}
