namespace PakAzBot.Core.Dates;

/// <summary>Where the year (and the rest) of a recognized date comes from.</summary>
public enum DateBasis
{
    /// <summary>The text writes it out: "12 December 1991", "1998", "mid-2016".</summary>
    Stated,

    /// <summary>Resolved against the reference date (a document's publication date): "last month", "on Tuesday", "May 30th" with no dated text before it.</summary>
    Reference,

    /// <summary>Resolved against the nearest dated text before it: "two months later", "the following year", "20 September" after "In 1997 …".</summary>
    Context,
}

/// <summary>A date expression found in text: where it stands, what it says, and what it means.</summary>
/// <param name="Start">Character offset of the expression in the text.</param>
/// <param name="Length">Length of the expression in characters.</param>
/// <param name="Text">The expression exactly as written.</param>
/// <param name="Date">The normalized date.</param>
public sealed record DateMention(int Start, int Length, string Text, PartialDate Date)
{
    /// <summary>Whether the text states the date or it was worked out from the reference date or earlier text.</summary>
    public DateBasis Basis { get; init; } = DateBasis.Stated;
}

/// <summary>
/// A date that a question asks about, from <see cref="DateRecognizer.RecognizeInQuestion"/>. A question may name a day
/// or month without a year ("what happened on 10 June", "anything in May?"): then <see cref="Date"/> is null,
/// <see cref="AnyYear"/> is true, and <see cref="Month"/> (and <see cref="Day"/>) say which day or month of any year.
/// </summary>
/// <param name="Start">Character offset of the expression in the question.</param>
/// <param name="Length">Length of the expression in characters.</param>
/// <param name="Text">The expression exactly as written.</param>
/// <param name="Date">The date, when the question gives or implies its year ("1992", "feb 2017", "last year"); else null.</param>
/// <param name="Month">With no year: the month asked about (1..12); else null.</param>
/// <param name="Day">With no year: the day of <see cref="Month"/> asked about, or null for the whole month; else null.</param>
public sealed record QuestionDate(int Start, int Length, string Text, PartialDate? Date, int? Month = null, int? Day = null)
{
    /// <summary>The question names a day or month but no year: it asks about that day or month in any year.</summary>
    public bool AnyYear => Date is null;

    /// <summary>
    /// Whether a source date can be the one asked about. With a year: the two periods overlap (so "1993" matches
    /// "12 March 1993" and "the 1990s"). Without one: a source day on that month and day (any day of the month when
    /// <see cref="Day"/> is null) or a source month equal to <see cref="Month"/>; a coarser source date (a year, a
    /// decade) does not say that it fell on that day, so it does not match. A source month matches a day asked about
    /// in it ("June 1992" for "10 June"): the source may be speaking of that day.
    /// </summary>
    public bool Matches(PartialDate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (Date is { } date)
        {
            return candidate.Start <= date.End && date.Start <= candidate.End;
        }

        return candidate.Precision switch
        {
            DatePrecision.Day => candidate.Month == Month && (Day is null || candidate.Day == Day),
            DatePrecision.Month => candidate.Month == Month,
            _ => false,
        };
    }
}
