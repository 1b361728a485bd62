using System.Globalization;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

// Relative dates: expressions relative to publication ("yesterday", "on Friday", "last month", "two years ago", "the
// previous decade"), resolved against the reference date, and expressions relative to the dated text before them
// ("two months later", "the following year", "that day"), resolved against the nearest earlier date. None of them is
// read from command-line input (ScanMode.Parse).
public static partial class DateRecognizer
{
    /// <summary>A count written in figures or words: "2", "29", "two", "a", "twenty-nine".</summary>
    private const string Count =
        "(?<n>[0-9]{1,3}(?![0-9])|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
        + "|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        + @"(?:[\-\s](?:one|two|three|four|five|six|seven|eight|nine))?)";

    private static void AddRelativeDates(string text, Candidates candidates)
    {
        foreach (Match m in RelativeDecadeRegex().Matches(text))
        {
            candidates.Add(m, f => f.Reference is { } today ? RelativeDecade(m, today) : null);
        }

        foreach (Match m in WeekdayRegex().Matches(text))
        {
            var weekday = Weekday(m.Groups["weekday"].Value);
            candidates.Add(m, f =>
            {
                if (f.Reference is not { } today)
                {
                    return null;
                }

                var back = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
                return Relative(m, SafeDay(today, -(back == 0 ? 7 : back)), DateBasis.Reference);
            });
        }

        foreach (Match m in RelativeDayRegex().Matches(text))
        {
            var offset = m.Value.ToLowerInvariant() switch
            {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            candidates.Add(m, f => f.Reference is { } today ? Relative(m, SafeDay(today, offset), DateBasis.Reference) : null);
        }

        foreach (Match m in PublicationRelativeRegex().Matches(text))
        {
            candidates.Add(m, f => f.Reference is { } today ? Relative(m, FromPublication(m, today), DateBasis.Reference) : null);
        }

        foreach (Match m in AgoRegex().Matches(text))
        {
            candidates.Add(m, f => f.Reference is { } today ? Relative(m, Ago(m, today), DateBasis.Reference) : null);
        }

        foreach (Match m in OffsetFromContextRegex().Matches(text))
        {
            candidates.Add(m, f => f.Anchor is { } anchor && f.Mode == ScanMode.Document
                ? Relative(m, OffsetFrom(m, anchor), DateBasis.Context)
                : null);
        }

        foreach (Match m in FromContextRegex().Matches(text))
        {
            candidates.Add(m, f => f.Anchor is { } anchor && f.Mode == ScanMode.Document
                ? Relative(m, FromContext(m, anchor), DateBasis.Context)
                : null);
        }
    }

    private static Found? RelativeDecade(Match m, DateOnly today)
    {
        var current = today.Year - (today.Year % 10);
        var which = m.Groups["which"].Value.ToLowerInvariant();
        var year = which is "this" or "current" ? current : current - 10;
        return Relative(m, Create(year, null, null, DatePrecision.Decade, null), DateBasis.Reference);
    }

    /// <summary>"last month", "this year", "earlier this year", "next spring", "last May" against the reference.</summary>
    private static PartialDate? FromPublication(Match m, DateOnly today)
    {
        var which = m.Groups["which"].Value.ToLowerInvariant();
        var step = which switch
        {
            "last" => -1,
            "next" => 1,
            _ => 0, // this, earlier this, later this
        };

        if (m.Groups["month"].Success)
        {
            var month = MonthNumber(m.Groups["month"].Value);
            var year = step switch
            {
                -1 => month < today.Month ? today.Year : today.Year - 1,
                1 => month > today.Month ? today.Year : today.Year + 1,
                _ => today.Year,
            };
            return Create(year, month, null, DatePrecision.Month, null);
        }

        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        return unit switch
        {
            "year" => Create(today.Year + step, null, null, DatePrecision.Year, null),
            "month" => MonthOf(today, months: step),
            "week" => MonthOfDay(today, days: 7 * step),
            _ => step switch
            {
                -1 => SeasonYear(unit, before: today),
                1 => SeasonYear(unit, after: today),
                _ => Create(today.Year, null, null, DatePrecision.Year, null),
            },
        };
    }

    /// <summary>"two years ago", "a month ago", "three days ago", "29 years ago this week".</summary>
    private static PartialDate? Ago(Match m, DateOnly today)
    {
        var n = CountOf(m);
        return m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "day" => SafeDay(today, -n),
            "week" => MonthOfDay(today, days: -7 * n),
            "month" => MonthOf(today, months: -n),
            _ => Create(today.Year - n, null, null, DatePrecision.Year, null),
        };
    }

    /// <summary>"two months later", "a year earlier", "three days afterwards" from the anchor.</summary>
    private static PartialDate? OffsetFrom(Match m, PartialDate anchor)
    {
        var n = CountOf(m);
        var sign = m.Groups["dir"].Value.ToLowerInvariant() is "earlier" or "before" ? -1 : 1;
        return Shift(anchor, m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s'), sign * n);
    }

    /// <summary>"the following year", "the next day", "later that month", "that day", "the following spring" from the anchor.</summary>
    private static PartialDate? FromContext(Match m, PartialDate anchor)
    {
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var which = Words(m.Groups["which"].Value);
        var step = which switch
        {
            "the following" or "the next" or "the subsequent" or "after" => 1,
            "the previous" or "the preceding" or "the prior" or "before" => -1,
            _ => 0, // that, that same, the same, later that, earlier that
        };

        if (unit is "spring" or "summer" or "autumn" or "fall" or "winter")
        {
            return step switch
            {
                1 => SeasonYear(unit, after: anchor.End),
                -1 => SeasonYear(unit, before: anchor.Start),
                _ => null,
            };
        }

        return Shift(anchor, unit, step);
    }

    /// <summary>
    /// The anchor moved by <paramref name="n"/> units, at the unit's precision, or null when the anchor is too coarse
    /// to say ("two days later" after "in 1995").
    /// </summary>
    private static PartialDate? Shift(PartialDate anchor, string unit, int n)
    {
        switch (unit)
        {
            case "year":
                return anchor.Precision == DatePrecision.Decade ? null : Create(anchor.Year + n, null, null, DatePrecision.Year, null);
            case "month":
                return anchor.Precision is DatePrecision.Day or DatePrecision.Month
                    ? MonthOf(new DateOnly(anchor.Year, anchor.Month!.Value, 1), months: n)
                    : null;
            case "week":
                return anchor.Precision == DatePrecision.Day ? MonthOfDay(anchor.Start, days: 7 * n) : null;
            case "day":
                return anchor.Precision == DatePrecision.Day ? SafeDay(anchor.Start, n) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The year of the nearest season after <paramref name="after"/> (it starts later) or before <paramref name="before"/>
    /// (it has ended by then). Seasons are northern: spring from March, summer June, autumn September, winter December.
    /// </summary>
    private static PartialDate? SeasonYear(string season, DateOnly? after = null, DateOnly? before = null)
    {
        var startMonth = season switch
        {
            "spring" => 3,
            "summer" => 6,
            "autumn" or "fall" => 9,
            _ => 12,
        };

        if (after is { } a)
        {
            var year = new DateOnly(a.Year, startMonth, 1) > a ? a.Year : a.Year + 1;
            return Create(year, null, null, DatePrecision.Year, null);
        }

        if (before is { } b)
        {
            // The latest season that has ended by then: it ends three months after it starts.
            for (var year = b.Year; year >= b.Year - 2 && year >= PartialDate.MinYear; year--)
            {
                var endIndex = (year * 12) + startMonth - 1 + 3;
                if (endIndex / 12 <= PartialDate.MaxYear && new DateOnly(endIndex / 12, (endIndex % 12) + 1, 1) <= b)
                {
                    return Create(year, null, null, DatePrecision.Year, null);
                }
            }
        }

        return null;
    }

    private static int CountOf(Match m)
    {
        var word = Words(m.Groups["n"].Value.Replace('-', ' '));
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        var parts = word.Split(' ');
        var tens = parts[0] switch
        {
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => 0,
        };
        return tens > 0 ? tens + (parts.Length > 1 ? Units(parts[1]) : 0) : Units(parts[0]);

        static int Units(string w) => Array.IndexOf(UnitWords, w) is var i and > 0 ? i : 1; // "a", "an"
    }

    private static readonly string[] UnitWords =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static DayOfWeek Weekday(string name) => name[..3].ToLowerInvariant() switch
    {
        "mon" => DayOfWeek.Monday,
        "tue" => DayOfWeek.Tuesday,
        "wed" => DayOfWeek.Wednesday,
        "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday,
        "sat" => DayOfWeek.Saturday,
        "sun" => DayOfWeek.Sunday,
        _ => throw new ArgumentException($"Not a weekday: {name}", nameof(name)),
    };


    /// <summary>"the previous decade", "the past decade", "the last decade", "this decade", "the current decade".</summary>
    [GeneratedRegex(@"\b(?:(?:the\s+)?(?<which>previous|past|last)|(?<which>this)|the\s+(?<which>current))\s+decade(?!\w)", Options)]
    private static partial Regex RelativeDecadeRegex();

    /// <summary>"Friday", "last Friday", "this past Friday"; not "next Friday" or "Fridays".</summary>
    [GeneratedRegex(@"(?<!\b(?:next|coming)\s+)\b(?:(?:last|this\s+past)\s+)?(?<weekday>" + WeekdayName + @")(?!\w)", Options)]
    private static partial Regex WeekdayRegex();

    /// <summary>"yesterday", "today", "tomorrow"; not the possessive "today's Punjab", which means the present-day one.</summary>
    [GeneratedRegex(@"\b(?:yesterday|today|tomorrow)(?!\w|['’]s\b)", Options)]
    private static partial Regex RelativeDayRegex();

    /// <summary>
    /// "last month", "this year", "earlier this year", "next week", "last spring", "last May". Not "the last year"
    /// or "the past month", which are spans of time ("over the last year"), nor "past year".
    /// </summary>
    [GeneratedRegex(
        @"(?<!\bthe\s{1,4})\b(?:(?<which>last|this|next|(?:earlier|later)\s+this)\s+(?<unit>week|month|year|" + SeasonName + ")"
        + @"|(?<which>last|this|next)\s+(?-i:(?<month>January|February|March|April|May|June|July|August|September|October|November|December)))(?!\w)",
        Options)]
    private static partial Regex PublicationRelativeRegex();

    /// <summary>"two years ago", "a month ago", "29 years ago this week".</summary>
    [GeneratedRegex(@"\b" + Count + @"\s+(?<unit>days?|weeks?|months?|years?)\s+ago(?:\s+this\s+(?:week|month))?(?!\w)", Options)]
    private static partial Regex AgoRegex();

    /// <summary>
    /// "two months later", "a year earlier", "three days afterwards", "two years after." Not "two years later than
    /// planned" (a comparison) nor "two years before the war" (relative to the war, not to a date).
    /// </summary>
    [GeneratedRegex(
        @"\b" + Count + @"\s+(?<unit>days?|weeks?|months?|years?)\s+(?:(?<dir>later|earlier)(?!\s+than\b)|(?<dir>afterwards?)"
        + @"|(?<dir>after|before)(?=\s*(?:[,.;:!?)]|$)))(?!\w)",
        Options)]
    private static partial Regex OffsetFromContextRegex();

    /// <summary>
    /// "the following year", "the next day", "the previous month", "the day after.", "later that month", "that day",
    /// "the same year", "the following spring". Not "over the next year" (a span from now).
    /// </summary>
    [GeneratedRegex(
        @"\b(?:(?<which>the\s+(?:following|subsequent|previous|preceding|prior)|(?<!\b(?:over|within|for|in|during|throughout)\s{1,4})the\s+next)\s+(?<unit>day|week|month|year|"
        + SeasonName + @")"
        + @"|the\s+(?<unit>day|month|year)\s+(?<which>after|before)(?=\s*(?:[,.;:!?)]|$))"
        + @"|(?<which>later|earlier)\s+that\s+(?<unit>day|week|month|year)"
        + @"|(?<which>that(?:\s+same)?|the\s+same)\s+(?<unit>day|month|year))(?!\w|['’]s\b)",
        Options)]
    private static partial Regex FromContextRegex();
}
