using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

// Absolute dates: a day, month or year named on the calendar ("12 December 1991", "1991-12-12", "October 1995",
// "1998"), and a day or month named without its year ("20 September", "May 30th", "in May", "May of that year"),
// which takes its year from the text before it or the reference (see the remarks in DateRecognizer.cs).
public static partial class DateRecognizer
{
    private const string MonthName =
        @"\b(?<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)(?!\w)"
        + @"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?!\w)\.?)";

    /// <summary>An optional weekday before an explicit day: "Friday, June 10, 2022", "Saturday 11 June 2022".</summary>
    private const string WeekdayPrefix = @"(?:\b" + WeekdayName + @",?\s+)?";

    private const string DayNumber = "(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";

    /// <summary>What follows is not a unit or count ("2018 km", "May 30 people", "2000 troops").</summary>
    private const string NotQuantity =
        @"(?!\s*(?:%|(?:percent|per\s?cent|million|billion|trillion|thousand|hundred|lakh|crore|mn|bn|k|km|kms"
        + "|kilomet(?:er|re)s?|miles?|m|meters?|metres?|kg|tons?|tonnes?|barrels?|mw|megawatts?|years?|yrs?|months?"
        + @"|weeks?|days?|hours?|minutes?|people|persons?|troops|soldiers|units|usd|dollars?|manat|rupees?|pkr|azn|times)\b))";

    private static void AddStatedDates(string text, Candidates candidates)
    {
        foreach (Match m in MonthDayRegex().Matches(text))
        {
            AddExplicitDay(m, dayFirst: false, candidates);
        }

        foreach (Match m in DayMonthRegex().Matches(text))
        {
            AddExplicitDay(m, dayFirst: true, candidates);
        }

        foreach (Match m in IsoDayRegex().Matches(text))
        {
            var date = Day(Int(m, "year"), Int(m, "mon"), Int(m, "day"));
            if (date is null)
            {
                candidates.Block(m);
            }
            else
            {
                candidates.AddStated(m, date);
            }
        }

        foreach (Match m in MonthYearRegex().Matches(text))
        {
            candidates.AddStated(m, Create(Int(m, "year"), MonthNumber(m.Groups["month"].Value), null, DatePrecision.Month, null));
        }

        foreach (Match m in YearRegex().Matches(text))
        {
            candidates.AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Year, null));
        }
    }

    private static void AddExplicitDay(Match m, bool dayFirst, Candidates candidates)
    {
        var monthToken = m.Groups["month"].Value;
        var month = MonthNumber(monthToken);
        var day = Int(m, "day");
        if (m.Groups["year"].Success)
        {
            var date = Day(Int(m, "year"), month, day);
            if (date is null)
            {
                candidates.Block(m);
            }
            else
            {
                candidates.AddStated(m, date);
            }
        }
        else if ((dayFirst && IsVerbLike(monthToken)) || day > DateTime.DaysInMonth(2024, month))
        {
            // "these 30 may help": a lowercase "may"/"march" after a number is a verb far more often than a month.
            candidates.Block(m);
        }
        else
        {
            candidates.Add(m, f => DayOrMonthWithoutYear(m, f, month, day));
        }
    }

    /// <summary>"in May", "by March", "May of that year"; a lowercase "may"/"march" only after a strong preposition.</summary>
    private static void AddMonthsAlone(string text, Candidates candidates)
    {
        foreach (Match m in MonthAloneRegex().Matches(text))
        {
            var token = m.Groups["month"].Value;
            if (IsVerbLike(token) && !m.Groups["strong"].Success)
            {
                continue;
            }

            var month = MonthNumber(token);
            candidates.Add(m, f => MonthAlone(m, f, month));
        }
    }

    /// <summary>"20 September", "May 30th", "in May": the year of the context, else of the reference (see remarks).</summary>
    private static Found? DayOrMonthWithoutYear(Match m, Frame f, int month, int? day)
    {
        if (f.Mode == ScanMode.Question)
        {
            return new Found(m.Index, m.Length, null, DateBasis.Reference, month, day);
        }

        if (f.Mode == ScanMode.Parse)
        {
            return null;
        }

        if (f.Reference is { } today && (f.Future || f.Anchor is null))
        {
            var date = f.Future ? NextOnOrAfter(today, month, day) : LastOnOrBefore(today, month, day);
            return Relative(m, date, DateBasis.Reference);
        }

        if (f.Anchor is { Precision: not DatePrecision.Decade } anchor)
        {
            var date = day is { } d ? Day(anchor.Year, month, d) : Create(anchor.Year, month, null, DatePrecision.Month, null);
            return Relative(m, date, DateBasis.Context);
        }

        return null;
    }

    private static Found? MonthAlone(Match m, Frame f, int month)
    {
        if (!m.Groups["of"].Success)
        {
            return DayOrMonthWithoutYear(m, f, month, null);
        }

        // "May of that year", "March of last year", "March next year", "June of the following year".
        var which = Words(m.Groups["of"].Value);
        switch (which)
        {
            case "last" or "this" or "next":
                return f.Reference is { } today
                    ? Relative(m, Create(today.Year + (which == "last" ? -1 : which == "next" ? 1 : 0), month, null, DatePrecision.Month, null), DateBasis.Reference)
                    : null;
            default:
                if (f.Mode != ScanMode.Document || f.Anchor is not { Precision: not DatePrecision.Decade } anchor)
                {
                    return null;
                }

                var shift = which switch
                {
                    "the following" or "the next" => 1,
                    "the previous" or "the preceding" => -1,
                    _ => 0,
                };
                return Relative(m, Create(anchor.Year + shift, month, null, DatePrecision.Month, null), DateBasis.Context);
        }
    }

    /// <summary>The most recent such day (or month) on or before the reference; 29 February looks back to the last leap year.</summary>
    private static PartialDate? LastOnOrBefore(DateOnly today, int month, int? day)
    {
        if (day is null)
        {
            return Create(month <= today.Month ? today.Year : today.Year - 1, month, null, DatePrecision.Month, null);
        }

        for (var year = today.Year; year >= today.Year - 8 && year >= PartialDate.MinYear; year--)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day.Value) <= today)
            {
                return Day(year, month, day.Value);
            }
        }

        return null;
    }

    /// <summary>The next such day (or month) on or after the reference.</summary>
    private static PartialDate? NextOnOrAfter(DateOnly today, int month, int? day)
    {
        if (day is null)
        {
            return Create(month >= today.Month ? today.Year : today.Year + 1, month, null, DatePrecision.Month, null);
        }

        for (var year = today.Year; year <= today.Year + 8 && year <= PartialDate.MaxYear; year++)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day.Value) >= today)
            {
                return Day(year, month, day.Value);
            }
        }

        return null;
    }

    /// <summary>"December 12, 1991", "Dec. 12 1991", "May 30th" (no year), "Friday, June 10, 2022".</summary>
    [GeneratedRegex(
        WeekdayPrefix + MonthName + @"\s+" + DayNumber + NumberEnd + @"(?:(?:,\s*|\s+)" + YearNumber + "|" + NotQuantity + ")",
        Options)]
    private static partial Regex MonthDayRegex();

    /// <summary>"12 December 1991", "12th of December 1991", "30 May" (no year), "Saturday 11 June 2022".</summary>
    [GeneratedRegex(
        WeekdayPrefix + NumberStart + DayNumber + @"(?:\s+of)?\s+" + MonthName + @"(?:,?\s+" + YearNumber + ")?",
        Options)]
    private static partial Regex DayMonthRegex();

    /// <summary>"1991-12-12" written in running text, also as the date part of "2022-06-10T10:00".</summary>
    [GeneratedRegex(
        NumberStart + "(?<year>[12][0-9]{3})-(?<mon>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])"
        + "(?:(?=T[0-9]{2}:)|" + NumberEnd + ")",
        Options)]
    private static partial Regex IsoDayRegex();

    /// <summary>"October 1995", "Oct 1995", "June of 1992", "May 2019".</summary>
    [GeneratedRegex(MonthName + @"(?:\s+of\s+|,?\s+)" + YearNumber, Options)]
    private static partial Regex MonthYearRegex();

    /// <summary>A bare year 1900..2099 that reads as a year: "1998", "in 2020," but not "2018 km", "JF-2017", "2018.5".</summary>
    [GeneratedRegex(
        NumberStart + @"(?<!\b(?:usd|pkr|rs|azn|no|page|p)\.?\s*)(?<![0-9][\s\-])(?<year>(?:19|20)[0-9]{2})"
        + NumberEnd + @"(?![\s\-]+[0-9])" + NotQuantity,
        Options)]
    private static partial Regex YearRegex();

    /// <summary>
    /// A month alone after a preposition: "in May", "by March", "until June", "the end of May", "in mid-May",
    /// or after another month and a conjunction ("March or April", "from March to May"), optionally with its year in
    /// words: "May of that year", "March of last year", "March next year". Group strong marks the prepositions after which a
    /// lowercase "may"/"march" is still the month ("in may"), not the verb ("and may send", "by march organizers").
    /// Not followed by a day or year (the longer patterns take those), a hyphen ("May-June"), or a word that makes it
    /// a name ("May Day").
    /// </summary>
    [GeneratedRegex(
        @"(?:(?<=\b(?<strong>in|during|since|until|till|throughout|early|late)\s{1,4})|(?<=\b(?<strong>mid)-)"
        + @"|(?<=\b(?:by|on|from|through|before|after)\s{1,4})|(?<=\b(?:end|beginning|start|middle)\s{1,4}of\s{1,4})"
        + @"|(?<=\b" + AnyMonthWord + @"\s{1,4}(?:and|or|to|through|until|till)\s{1,4}))"
        + @"(?<month>" + AnyMonthWord + @")(?!\w)"
        + @"(?:\s+of\s+(?<of>that|the\s+same|last|this|next|the\s+following|the\s+next|the\s+previous|the\s+preceding)\s+year(?!\w)"
        + @"|\s+(?<of>last|this|next)\s+year(?!\w))?"
        + @"(?!\s*[\-–]\s*\w|\s+(?-i:Day|Days|Revolution|Movement|Uprising|Festival|Queen)\b|['’]s\b)",
        Options)]
    private static partial Regex MonthAloneRegex();
}
