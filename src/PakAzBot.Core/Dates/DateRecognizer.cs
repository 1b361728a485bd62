using System.Globalization;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

/// <summary>
/// Finds English date expressions in text and normalizes them to <see cref="PartialDate"/>s.
/// </summary>
/// <remarks>
/// <para>
/// Text convention: a mention's <see cref="DateMention.Text"/> holds only the date words. Prepositions before the
/// date ("in", "on", "during", "since") are never included: "In 1998" gives "1998", "on Friday" gives "Friday",
/// "In October 1995" gives "October 1995". Words that are part of the date's own noun phrase are included:
/// "the second half of 2018", "the 1990s", "the previous decade", "last Friday", "12th of December 1991", and a
/// leading weekday as in "Friday, June 10, 2022".
/// </para>
/// <para>
/// Relative expressions resolve against the reference date (the document's publication date): weekdays to the most
/// recent such day strictly before it, "yesterday"/"today"/"tomorrow" to the reference ±1, a day and month without a
/// year ("May 30th") to the most recent such day on or before it, "the previous/past/last decade" to the decade before
/// the reference's decade and "this decade" to the reference's decade.
/// </para>
/// <para>
/// It is deliberately conservative: a month name alone ("Azerbaijan may send", "March") is not a date, a bare number
/// counts as a year only when it is 1900..2099 and reads as a year (not "2018 km", "JF-2017", "2018.5", part of a
/// phone number or URL), and a day number needs a month next to it ("30th anniversary" is not a date).
/// Where matches overlap, the longest wins.
/// </para>
/// </remarks>
public static partial class DateRecognizer
{
    private const RegexOptions Options =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Shared pattern pieces (constants so they can be used in GeneratedRegex attributes).
    private const string MonthName =
        @"\b(?<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)(?!\w)"
        + @"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?!\w)\.?)";

    private const string WeekdayName = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

    /// <summary>An optional weekday before an explicit day: "Friday, June 10, 2022", "Saturday 11 June 2022".</summary>
    private const string WeekdayPrefix = @"(?:\b" + WeekdayName + @",?\s+)?";

    private const string DayNumber = "(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";

    /// <summary>A number ends here: no letter/digit, percent sign, or decimal/range/time continuation follows.</summary>
    private const string NumberEnd = @"(?![\w%]|[.,:/\-][0-9])";

    /// <summary>A number does not start here: it is not glued to a word, decimal point, path, sign, tag or currency.</summary>
    private const string NumberStart = @"(?<![\w.,/\-+#@$€£:&=%])";

    private const string YearNumber = "(?<year>[12][0-9]{3})" + NumberEnd;

    /// <summary>What follows is not a unit or count ("2018 km", "May 30 people", "2000 troops").</summary>
    private const string NotQuantity =
        @"(?!\s*(?:%|(?:percent|per\s?cent|million|billion|trillion|thousand|hundred|lakh|crore|mn|bn|k|km|kms"
        + "|kilomet(?:er|re)s?|miles?|m|meters?|metres?|kg|tons?|tonnes?|barrels?|mw|megawatts?|years?|yrs?|months?"
        + @"|weeks?|days?|hours?|minutes?|people|persons?|troops|soldiers|units|usd|dollars?|manat|rupees?|pkr|azn|times)\b))";

    /// <summary>
    /// Returns every date expression in <paramref name="text"/>, in order of position and non-overlapping, with
    /// relative expressions resolved against <paramref name="reference"/>.
    /// </summary>
    public static IReadOnlyList<DateMention> Recognize(string text, DateOnly reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text, reference);
    }

    /// <summary>
    /// Recognizes dates; with no <paramref name="reference"/>, relative expressions are skipped (used by
    /// <see cref="PartialDate.TryParse"/>).
    /// </summary>
    internal static IReadOnlyList<DateMention> Scan(string text, DateOnly? reference)
    {
        var inUrl = new bool[text.Length];
        foreach (Match url in UrlRegex().Matches(text))
        {
            Array.Fill(inUrl, true, url.Index, url.Length);
        }

        var candidates = new List<(int Start, int Length, PartialDate? Date)>();

        void Add(Match m, PartialDate? date)
        {
            if (date is not null && Array.IndexOf(inUrl, true, m.Index, m.Length) < 0)
            {
                candidates.Add((m.Index, m.Length, date));
            }
        }

        // A day-and-month match that does not resolve ("February 30, 2022", "these 30 may") still claims its span,
        // so that no shorter reading ("2022") is taken from inside it.
        void AddOrBlock(Match m, PartialDate? date)
        {
            if (date is null)
            {
                candidates.Add((m.Index, m.Length, null));
            }
            else
            {
                Add(m, date);
            }
        }

        foreach (Match m in MonthDayRegex().Matches(text))
        {
            AddOrBlock(m, ExplicitDay(m, reference, dayFirst: false));
        }

        foreach (Match m in DayMonthRegex().Matches(text))
        {
            AddOrBlock(m, ExplicitDay(m, reference, dayFirst: true));
        }

        foreach (Match m in IsoDayRegex().Matches(text))
        {
            AddOrBlock(m, Day(Int(m, "year"), Int(m, "mon"), Int(m, "day")));
        }

        foreach (Match m in MonthYearRegex().Matches(text))
        {
            Add(m, Create(Int(m, "year"), MonthNumber(m.Groups["month"].Value), null, DatePrecision.Month, null));
        }

        foreach (Match m in YearRegex().Matches(text))
        {
            Add(m, Create(Int(m, "year"), null, null, DatePrecision.Year, null));
        }

        foreach (Match m in HalfYearRegex().Matches(text))
        {
            var half = m.Groups["half"].Value.ToLowerInvariant() is "first" or "1st" or "1" ? 1 : 2;
            Add(m, Create(Int(m, "year"), null, null, DatePrecision.HalfYear, half));
        }

        foreach (Match m in DecadeRegex().Matches(text))
        {
            Add(m, Create(Int(m, "year"), null, null, DatePrecision.Decade, null));
        }

        if (reference is { } today)
        {
            foreach (Match m in RelativeDecadeRegex().Matches(text))
            {
                var current = today.Year - (today.Year % 10);
                var which = m.Groups["which"].Value.ToLowerInvariant();
                var year = which is "this" or "current" ? current : current - 10;
                Add(m, Create(year, null, null, DatePrecision.Decade, null));
            }

            foreach (Match m in WeekdayRegex().Matches(text))
            {
                var weekday = Weekday(m.Groups["weekday"].Value);
                var back = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
                Add(m, SafeDay(today, -(back == 0 ? 7 : back)));
            }

            foreach (Match m in RelativeDayRegex().Matches(text))
            {
                var offset = m.Value.ToLowerInvariant() switch
                {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                Add(m, SafeDay(today, offset));
            }
        }

        return SelectLongest(text, candidates);
    }

    /// <summary>
    /// Keeps the longest of overlapping candidates (the earlier one on a tie), drops the blockers among them, and
    /// returns the rest in order of position.
    /// </summary>
    private static List<DateMention> SelectLongest(string text, List<(int Start, int Length, PartialDate? Date)> candidates)
    {
        var taken = new bool[text.Length];
        var chosen = new List<(int Start, int Length, PartialDate? Date)>();
        foreach (var c in candidates.OrderByDescending(c => c.Length).ThenBy(c => c.Start))
        {
            if (Array.IndexOf(taken, true, c.Start, c.Length) < 0)
            {
                Array.Fill(taken, true, c.Start, c.Length);
                chosen.Add(c);
            }
        }

        return chosen
            .Where(c => c.Date is not null)
            .OrderBy(c => c.Start)
            .Select(c => new DateMention(c.Start, c.Length, text.Substring(c.Start, c.Length), c.Date!))
            .ToList();
    }

    /// <summary>"December 12, 1991", "12th of December 1991", or without a year "May 30th" (relative).</summary>
    private static PartialDate? ExplicitDay(Match m, DateOnly? reference, bool dayFirst)
    {
        var monthToken = m.Groups["month"].Value;
        var month = MonthNumber(monthToken);
        var day = Int(m, "day");
        if (m.Groups["year"].Success)
        {
            return Day(Int(m, "year"), month, day);
        }

        // "these 30 may help": a lowercase "may"/"march"/"mar" after a number is a verb far more often than a month.
        if (reference is not { } today || (dayFirst && monthToken is "may" or "march" or "mar" or "mar."))
        {
            return null;
        }

        // The most recent such day on or before the reference; 29 February looks back to the last leap year.
        for (var year = today.Year; year >= today.Year - 8 && year >= PartialDate.MinYear; year--)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) <= today)
            {
                return PartialDate.OfDay(year, month, day);
            }
        }

        return null;
    }

    private static PartialDate? Day(int year, int month, int day) => Create(year, month, day, DatePrecision.Day, null);

    private static PartialDate? Create(int year, int? month, int? day, DatePrecision precision, int? half) =>
        PartialDate.TryCreate(year, month, day, precision, half, out var date) ? date : null;

    private static PartialDate? SafeDay(DateOnly reference, int offset)
    {
        var target = (long)reference.DayNumber + offset;
        if (target < DateOnly.MinValue.DayNumber || target > DateOnly.MaxValue.DayNumber)
        {
            return null;
        }

        var date = DateOnly.FromDayNumber((int)target);
        return Create(date.Year, date.Month, date.Day, DatePrecision.Day, null);
    }

    private static int Int(Match m, string group) =>
        int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int MonthNumber(string token) => token.TrimEnd('.')[..3].ToLowerInvariant() switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => throw new ArgumentException($"Not a month: {token}", nameof(token)),
    };

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

    /// <summary>"the second half of 2018", "first half of the year 2018", "H2 2018".</summary>
    [GeneratedRegex(
        @"(?:\b(?:the\s+)?(?<half>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+year\s+)?|\bH(?<half>[12])\s+(?:of\s+)?)"
        + YearNumber,
        Options)]
    private static partial Regex HalfYearRegex();

    /// <summary>"the 1990s", "1990s", "the 1990's".</summary>
    [GeneratedRegex(@"(?:\bthe\s+)?" + NumberStart + "(?<year>[12][0-9]{2}0)['’]?s(?!\\w)", Options)]
    private static partial Regex DecadeRegex();

    /// <summary>"the previous decade", "the past decade", "the last decade", "this decade", "the current decade".</summary>
    [GeneratedRegex(@"\b(?:(?:the\s+)?(?<which>previous|past|last)|(?<which>this)|the\s+(?<which>current))\s+decade(?!\w)", Options)]
    private static partial Regex RelativeDecadeRegex();

    /// <summary>"Friday", "last Friday", "this past Friday"; not "next Friday" or "Fridays".</summary>
    [GeneratedRegex(@"(?<!\b(?:next|coming)\s+)\b(?:(?:last|this\s+past)\s+)?(?<weekday>" + WeekdayName + @")(?!\w)", Options)]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(@"\b(?:yesterday|today|tomorrow)(?!\w)", Options)]
    private static partial Regex RelativeDayRegex();

    /// <summary>Links: nothing inside them is a date ("https://t.co/bNge6qQ65X", "pic.twitter.com/x2018").</summary>
    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b(?:[a-z0-9\-]+\.)+(?:com|org|net|co|gov|edu|pk|az|io|ly)/\S*", Options)]
    private static partial Regex UrlRegex();
}
