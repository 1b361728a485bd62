using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// What the normalize stage makes of a question: its cleaned text as asked, the reading every later stage works on
/// (acronyms written out), the kind of answer it wants, its content words
/// with their weights, the names it gives, and the dates it states as conditions.
/// </summary>
/// <param name="Text">The reading: the cleaned question with the acronyms the sources spell out written out in full.</param>
/// <param name="Weights">How much each content word says about what is asked: its inverse document frequency;
/// a word the sources never use weighs half the largest possible weight (an adverb or everyday word a quarter);
/// the words of a date the question gives weigh nothing, since the date is checked apart.</param>
/// <param name="Names">The question's words that name something (a well-known name, or a capitalized word inside a
/// question that is not itself written in capitals), in question order.</param>
/// <param name="Unknown">Names, and the thing a "who is the …" question asks about, that the sources never mention.</param>
/// <param name="DateLed">True when the question gives a date and nothing else to look for ("what happened in 1995").</param>
internal sealed record Question(
    string Text,
    QuestionType Type,
    AnalyzedQuery Query,
    IReadOnlyDictionary<QueryTerm, double> Weights,
    IReadOnlyList<QueryTerm> Names,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<QuestionDate> Given,
    (string Head, IReadOnlyList<string> Modifiers)? Focus,
    bool DateLed)
{
    /// <summary>The cleaned question as the user wrote it: what replies show.</summary>
    public string Asked { get; init; } = Text;

    /// <summary>The language the question was asked in; null when it is too short to tell. <see cref="Text"/> is its English reading.</summary>
    public Languages.Language? Language { get; init; }

    public double TotalWeight { get; } = Weights.Values.Sum();

    public IEnumerable<QueryTerm> Terms => Weights.Keys;

    /// <summary>The question asks for a thing a quote holds or lacks: a date, name, place, figure, reason or choice.</summary>
    public bool AsksForAThing => Type is not (QuestionType.What or QuestionType.YesNo or QuestionType.Other);

    /// <summary>A quote without what is asked is no answer at all: a "when" without a date, a "where" without a place,
    /// a "who" without a name, a "how many" without a figure.</summary>
    public bool NothingElseWillDo => Type is QuestionType.When or QuestionType.Where or QuestionType.HowMany or QuestionType.Who or QuestionType.Name;

    /// <summary>The weighted share (0..1) of the question's content words found in <paramref name="terms"/>.</summary>
    public double Coverage(IReadOnlySet<string> terms) =>
        TotalWeight <= 0 ? 0 : Weights.Where(w => Matches(w.Key, terms)).Sum(w => w.Value) / TotalWeight;

    public static bool Matches(QueryTerm term, IReadOnlySet<string> terms) => term.Terms.Any(terms.Contains);
}
