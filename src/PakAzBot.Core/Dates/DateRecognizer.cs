using System.Globalization;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

/// <summary>
/// Finds English date expressions in text and normalizes them to <see cref="PartialDate"/>s.
/// </summary>
/// <remarks>
/// <para>
/// Text convention: a mention's <see cref="DateMention.Text"/> holds only the date words. Prepositions before the
/// date ("in", "on", "during", "since", "by") are never included: "In 1998" gives "1998", "on Friday" gives "Friday",
/// "In October 1995" gives "October 1995", "in May" gives "May". Words that are part of the date's own noun phrase are
/// included: "the second half of 2018", "the 1990s", "the mid-1990s", "mid-2016", "the spring of 2016", "the previous
/// decade", "last Friday", "last month", "two months later", "the following year", "29 years ago this week",
/// "12th of December 1991", and a leading weekday as in "Friday, June 10, 2022".
/// </para>
/// <para>
/// What relative expressions are relative to. Writers use two kinds, and each resolves against what its writer means:
/// <list type="bullet">
/// <item>Relative to publication (the reference date): "yesterday", "today", "tomorrow", a weekday ("on Tuesday",
/// "last Friday": the most recent such day strictly before the reference), "last/this/next week|month|year",
/// "earlier/later this month|year", "last/this/next spring|…", "last/this/next May", "N days|weeks|months|years ago",
/// "the previous/past/last decade", "this decade". A news writer's "last year" means the year before publication
/// even in a paragraph about 1995.</item>
/// <item>Relative to the nearest dated context before it (the <c>context</c> argument, then each date found earlier in
/// the same text): "the following/next/previous year|month|day|week|spring|…", "N years|months|weeks|days
/// later|earlier|afterwards", "the day after", "later/earlier that day|month|year", "that day|month|year", "the same
/// year". Without a context these give no date: guessing from the publication date would invent one.</item>
/// <item>A day and month without a year ("until 20 September", "May 30th") and a month alone ("in May", "by March")
/// take the year of the nearest dated context (earlier in the same text, else <c>context</c>); with none, the most
/// recent such day or month on or before the reference. One exception: when a present-tense future cue stands between
/// the previous date and this one ("the third round is due in September", "runs until 20 September"), the writer
/// speaks of the next such day or month on or after the reference.</item>
/// </list>
/// The caller chooses the context: <see cref="Knowledge.KnowledgeLoader"/> passes the last date of the previous
/// sentences of the same section (a heading starts afresh, since a new section need not follow on in time).
/// A context too coarse for the expression (a decade before "the following year") gives no date.
/// </para>
/// <para>
/// Precision: every result is a <see cref="PartialDate"/> (day, month, half-year, year, decade). Where the text is
/// vaguer than that, the nearest enclosing precision is used: "mid-2016", "early 2016", "the spring of 2016" and "the
/// following spring" give the year (mid-year straddles both halves; a season is kept as its year, winter being the
/// year its December falls in); "the mid-1990s" and "the nineties" give the decade; "last week" and "N weeks
/// later" give the month that the day a week (or N weeks) away falls in. Centuries ("fifteenth-century") are not dates
/// that <see cref="PartialDate"/> can place and are not recognized.
/// </para>
/// <para>
/// It is deliberately conservative: a month name alone is a date only after a preposition ("in May", "by March",
/// "until June", "the end of May"; lowercase "may"/"march" only after "in", "during", "since", "until", "till",
/// "throughout", "early", "late", "mid"), never as the verb ("Azerbaijan may send") or a name ("May Day"). A bare
/// number counts as a year only when it is 1900..2099 and reads as a year (not "2018 km", "JF-2017", "2018.5", part of
/// a phone number or URL), and a day number needs a month next to it ("30th anniversary" is not a date).
/// Names are not event dates: a year inside a capitalized name ("Expo 2024", "the Solidarity Games 2017",
/// "Indus Shield – 2021") is not recognized. Schedules are not event dates: "every Sunday and Wednesday",
/// "each Monday", "on Fridays", "every year in May", "in May each year".
/// Where matches overlap, the longest wins. No input makes it throw (null aside).
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

    private const string AnyMonthWord =
        "(?:january|february|march|april|may|june|july|august|september|october|november|december"
        + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

    private const string WeekdayName = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

    private const string SeasonName = "(?:spring|summer|autumn|fall|winter)";

    /// <summary>An optional weekday before an explicit day: "Friday, June 10, 2022", "Saturday 11 June 2022".</summary>
    private const string WeekdayPrefix = @"(?:\b" + WeekdayName + @",?\s+)?";

    private const string DayNumber = "(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";

    /// <summary>A number ends here: no letter/digit, percent sign, or decimal/range/time continuation follows.</summary>
    private const string NumberEnd = @"(?![\w%]|[.,:/\-][0-9])";

    /// <summary>A number does not start here: it is not glued to a word, decimal point, path, sign, tag or currency.</summary>
    private const string NumberStart = @"(?<![\w.,/\-+#@$€£:&=%])";

    private const string YearNumber = "(?<year>[12][0-9]{3})" + NumberEnd;

    /// <summary>A count written in figures or words: "2", "29", "two", "a", "twenty-nine".</summary>
    private const string Count =
        "(?<n>[0-9]{1,3}(?![0-9])|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
        + "|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        + @"(?:[\-\s](?:one|two|three|four|five|six|seven|eight|nine))?)";

    /// <summary>What follows is not a unit or count ("2018 km", "May 30 people", "2000 troops").</summary>
    private const string NotQuantity =
        @"(?!\s*(?:%|(?:percent|per\s?cent|million|billion|trillion|thousand|hundred|lakh|crore|mn|bn|k|km|kms"
        + "|kilomet(?:er|re)s?|miles?|m|meters?|metres?|kg|tons?|tonnes?|barrels?|mw|megawatts?|years?|yrs?|months?"
        + @"|weeks?|days?|hours?|minutes?|people|persons?|troops|soldiers|units|usd|dollars?|manat|rupees?|pkr|azn|times)\b))";

    /// <summary>
    /// Returns every date expression in <paramref name="text"/>, in order of position and non-overlapping, with
    /// relative expressions resolved against <paramref name="reference"/> (see the type remarks).
    /// </summary>
    public static IReadOnlyList<DateMention> Recognize(string text, DateOnly reference) => Recognize(text, reference, context: null);

    /// <summary>
    /// Returns every date expression in <paramref name="text"/>, in order of position and non-overlapping.
    /// Expressions relative to publication resolve against <paramref name="reference"/>; those relative to what came
    /// before ("two months later", "the following year", "in May", "20 September") resolve against the nearest date
    /// earlier in <paramref name="text"/>, else <paramref name="context"/>, the last date of the text before it.
    /// </summary>
    public static IReadOnlyList<DateMention> Recognize(string text, DateOnly reference, PartialDate? context)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scan(text, reference, context, ScanMode.Document)
            .Select(f => new DateMention(f.Start, f.Length, text.Substring(f.Start, f.Length), f.Date!) { Basis = f.Basis })
            .ToList();
    }

    /// <summary>
    /// Returns the dates a question asks about. Years, months and days with a year are as in <see cref="Recognize(string, DateOnly)"/>
    /// ("1992", "anything in March 1993?", "feb 2017?", "in the nineties", "the 1990s", "2010s"); expressions relative
    /// to now ("last year", "on Friday") resolve against <paramref name="today"/>; a day or month with no year ("what
    /// happened on 10 June", "in May?") is returned with <see cref="QuestionDate.AnyYear"/> rather than given a guessed
    /// year; expressions relative to earlier text ("the following year") have nothing to refer to and are left out.
    /// </summary>
    public static IReadOnlyList<QuestionDate> RecognizeInQuestion(string question, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Scan(question, today, context: null, ScanMode.Question)
            .Select(f => new QuestionDate(f.Start, f.Length, question.Substring(f.Start, f.Length), f.Date, f.Month, f.Day))
            .ToList();
    }

    /// <summary>
    /// Recognizes self-contained dates only (no reference, no context): used by <see cref="PartialDate.TryParse"/>.
    /// </summary>
    internal static IReadOnlyList<DateMention> Scan(string text, DateOnly? reference) =>
        Scan(text, reference, context: null, reference is null ? ScanMode.Parse : ScanMode.Document)
            .Select(f => new DateMention(f.Start, f.Length, text.Substring(f.Start, f.Length), f.Date!) { Basis = f.Basis })
            .ToList();

    internal enum ScanMode
    {
        /// <summary>Source text: every date gets a year, from the text, its context or the reference.</summary>
        Document,

        /// <summary>A question: a day or month without a year stays without one.</summary>
        Question,

        /// <summary>Command-line input: only self-contained dates.</summary>
        Parse,
    }

    /// <summary>A found date; in question mode <see cref="Date"/> may be null with <see cref="Month"/> set.</summary>
    private readonly record struct Found(int Start, int Length, PartialDate? Date, DateBasis Basis, int? Month = null, int? Day = null);

    /// <summary>What a relative expression may resolve against.</summary>
    private readonly record struct Frame(DateOnly? Reference, PartialDate? Anchor, bool Future, ScanMode Mode);

    /// <summary>A span that may be a date: <see cref="Resolve"/> is null for a span that only blocks shorter readings.</summary>
    private sealed record Candidate(int Start, int Length, Func<Frame, Found?>? Resolve);

    private static List<Found> Scan(string text, DateOnly? reference, PartialDate? context, ScanMode mode)
    {
        var inUrl = new bool[text.Length];
        foreach (Match url in UrlRegex().Matches(text))
        {
            Array.Fill(inUrl, true, url.Index, url.Length);
        }

        var candidates = new List<Candidate>();

        void Add(Match m, Func<Frame, Found?> resolve)
        {
            if (Array.IndexOf(inUrl, true, m.Index, m.Length) < 0)
            {
                candidates.Add(new Candidate(m.Index, m.Length, resolve));
            }
        }

        // A stated date; an invalid one ("February 30, 2022") is no candidate at all, so shorter readings remain.
        void AddStated(Match m, PartialDate? date)
        {
            if (date is not null)
            {
                Add(m, _ => new Found(m.Index, m.Length, date, DateBasis.Stated));
            }
        }

        // A span that is not a date and claims its characters, so that no shorter reading ("2022", "Sunday") is
        // taken from inside it: an impossible day, a name with a year in it, a schedule.
        void Block(Match m) => candidates.Add(new Candidate(m.Index, m.Length, null));

        foreach (Match m in MonthDayRegex().Matches(text))
        {
            AddExplicitDay(m, dayFirst: false);
        }

        foreach (Match m in DayMonthRegex().Matches(text))
        {
            AddExplicitDay(m, dayFirst: true);
        }

        void AddExplicitDay(Match m, bool dayFirst)
        {
            var monthToken = m.Groups["month"].Value;
            var month = MonthNumber(monthToken);
            var day = Int(m, "day");
            if (m.Groups["year"].Success)
            {
                var date = Day(Int(m, "year"), month, day);
                if (date is null)
                {
                    Block(m);
                }
                else
                {
                    AddStated(m, date);
                }
            }
            else if ((dayFirst && monthToken is "may" or "march" or "mar" or "mar.") || day > DateTime.DaysInMonth(2024, month))
            {
                // "these 30 may help": a lowercase "may"/"march" after a number is a verb far more often than a month.
                Block(m);
            }
            else
            {
                Add(m, f => DayOrMonthWithoutYear(m, f, month, day));
            }
        }

        foreach (Match m in IsoDayRegex().Matches(text))
        {
            var date = Day(Int(m, "year"), Int(m, "mon"), Int(m, "day"));
            if (date is null)
            {
                Block(m);
            }
            else
            {
                AddStated(m, date);
            }
        }

        foreach (Match m in MonthYearRegex().Matches(text))
        {
            AddStated(m, Create(Int(m, "year"), MonthNumber(m.Groups["month"].Value), null, DatePrecision.Month, null));
        }

        foreach (Match m in YearRegex().Matches(text))
        {
            AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Year, null));
        }

        foreach (Match m in HalfYearRegex().Matches(text))
        {
            var half = m.Groups["half"].Value.ToLowerInvariant() is "first" or "1st" or "1" ? 1 : 2;
            AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.HalfYear, half));
        }

        foreach (Match m in DecadeRegex().Matches(text))
        {
            AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Decade, null));
        }

        // "mid-2016", "early 2016", "the spring of 2016": vaguer than a year, so the year.
        foreach (Match m in VagueYearRegex().Matches(text))
        {
            AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Year, null));
        }

        // "the mid-1990s", "the nineties", "the early '90s": the decade.
        foreach (Match m in VagueDecadeRegex().Matches(text))
        {
            AddStated(m, Create(DecadeOf(m), null, null, DatePrecision.Decade, null));
        }

        foreach (Match m in NameWithYearRegex().Matches(text))
        {
            Block(m);
        }

        foreach (Match m in ScheduleRegex().Matches(text))
        {
            Block(m);
        }

        foreach (Match m in MonthAloneRegex().Matches(text))
        {
            var token = m.Groups["month"].Value;
            var lowercaseVerbLike = token is "may" or "march" or "mar";
            if (lowercaseVerbLike && !m.Groups["strong"].Success)
            {
                continue;
            }

            var month = MonthNumber(token);
            Add(m, f => MonthAlone(m, f, month));
        }

        if (mode != ScanMode.Parse)
        {
            foreach (Match m in RelativeDecadeRegex().Matches(text))
            {
                Add(m, f => f.Reference is { } today ? RelativeDecade(m, today) : null);
            }

            foreach (Match m in WeekdayRegex().Matches(text))
            {
                var weekday = Weekday(m.Groups["weekday"].Value);
                Add(m, f =>
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
                Add(m, f => f.Reference is { } today ? Relative(m, SafeDay(today, offset), DateBasis.Reference) : null);
            }

            foreach (Match m in PublicationRelativeRegex().Matches(text))
            {
                Add(m, f => f.Reference is { } today ? Relative(m, FromPublication(m, today), DateBasis.Reference) : null);
            }

            foreach (Match m in AgoRegex().Matches(text))
            {
                Add(m, f => f.Reference is { } today ? Relative(m, Ago(m, today), DateBasis.Reference) : null);
            }

            foreach (Match m in OffsetFromContextRegex().Matches(text))
            {
                Add(m, f => f.Anchor is { } anchor && f.Mode == ScanMode.Document
                    ? Relative(m, OffsetFrom(m, anchor), DateBasis.Context)
                    : null);
            }

            foreach (Match m in FromContextRegex().Matches(text))
            {
                Add(m, f => f.Anchor is { } anchor && f.Mode == ScanMode.Document
                    ? Relative(m, FromContext(m, anchor), DateBasis.Context)
                    : null);
            }
        }

        return Resolve(text, reference, context, mode, SelectLongest(text.Length, candidates));
    }

    /// <summary>
    /// Keeps the longest of overlapping candidates (the earlier one on a tie), drops the blockers among them, and
    /// returns the rest in order of position.
    /// </summary>
    private static List<Candidate> SelectLongest(int length, List<Candidate> candidates)
    {
        var taken = new bool[length];
        var chosen = new List<Candidate>();
        foreach (var c in candidates.OrderByDescending(c => c.Length).ThenBy(c => c.Start))
        {
            if (Array.IndexOf(taken, true, c.Start, c.Length) < 0)
            {
                Array.Fill(taken, true, c.Start, c.Length);
                chosen.Add(c);
            }
        }

        return chosen.Where(c => c.Resolve is not null).OrderBy(c => c.Start).ToList();
    }

    /// <summary>Resolves the chosen spans in reading order, each against the last date before it.</summary>
    private static List<Found> Resolve(string text, DateOnly? reference, PartialDate? context, ScanMode mode, List<Candidate> chosen)
    {
        var found = new List<Found>();
        var anchor = context;
        var previousEnd = 0;

        // Future cues are found once (matching each gap afresh would be quadratic when many spans resolve to nothing).
        var cues = FutureCueRegex().Matches(text).Select(c => (c.Index, End: c.Index + c.Length)).ToList();
        var next = 0;
        foreach (var candidate in chosen)
        {
            // Cues do not overlap, so the first one starting after the previous date is the first to end; the previous
            // date only moves forward, and so does this index.
            while (next < cues.Count && cues[next].Index < previousEnd)
            {
                next++;
            }

            var future = next < cues.Count && cues[next].End <= candidate.Start;
            if (candidate.Resolve!(new Frame(reference, anchor, future, mode)) is not { } result)
            {
                continue;
            }

            found.Add(result);
            previousEnd = candidate.Start + candidate.Length;
            if (result.Date is not null)
            {
                anchor = result.Date;
            }
        }

        return found;
    }

    private static Found? Relative(Match m, PartialDate? date, DateBasis basis) =>
        date is null ? null : new Found(m.Index, m.Length, date, basis);

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

    /// <summary>Lower case, with runs of white space made one space: "The  following" → "the following".</summary>
    private static string Words(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int DecadeOf(Match m)
    {
        if (m.Groups["year"].Success)
        {
            return Int(m, "year");
        }

        if (m.Groups["yy"].Success)
        {
            var yy = Int(m, "yy");
            return yy < 20 ? 2000 + yy : 1900 + yy;
        }

        return m.Groups["word"].Value.ToLowerInvariant() switch
        {
            "twenties" => 1920,
            "thirties" => 1930,
            "forties" => 1940,
            "fifties" => 1950,
            "sixties" => 1960,
            "seventies" => 1970,
            "eighties" => 1980,
            "nineties" => 1990,
            _ => 2000, // noughties, aughts
        };
    }

    private static PartialDate? Day(int year, int month, int day) => Create(year, month, day, DatePrecision.Day, null);

    private static PartialDate? Create(int year, int? month, int? day, DatePrecision precision, int? half) =>
        PartialDate.TryCreate(year, month, day, precision, half, out var date) ? date : null;

    private static PartialDate? SafeDay(DateOnly reference, long offset)
    {
        var target = reference.DayNumber + offset;
        if (target < DateOnly.MinValue.DayNumber || target > DateOnly.MaxValue.DayNumber)
        {
            return null;
        }

        var date = DateOnly.FromDayNumber((int)target);
        return Create(date.Year, date.Month, date.Day, DatePrecision.Day, null);
    }

    /// <summary>The month <paramref name="months"/> away from the month of <paramref name="date"/>.</summary>
    private static PartialDate? MonthOf(DateOnly date, int months)
    {
        var index = (date.Year * 12L) + date.Month - 1 + months;
        return index is < 0 or > 9999 * 12 + 11 ? null : Create((int)(index / 12), (int)(index % 12) + 1, null, DatePrecision.Month, null);
    }

    /// <summary>The month of the day <paramref name="days"/> away from <paramref name="date"/>.</summary>
    private static PartialDate? MonthOfDay(DateOnly date, long days) =>
        SafeDay(date, days) is { } day ? Create(day.Year, day.Month, null, DatePrecision.Month, null) : null;

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

    /// <summary>"mid-2016", "early 2016", "late 2016", "the spring of 2016", "in autumn 2019" (the season needs "the … of" or a preposition).</summary>
    [GeneratedRegex(
        @"\b(?:(?:the\s+)?(?:mid|early|late)(?:-|\s+)|the\s+(?:(?:early|late)\s+)?" + SeasonName + @"\s+of\s+"
        + @"|(?<=\b(?:in|during|by|since|until|from)\s{1,4})" + SeasonName + @"\s+)"
        + "(?<year>(?:19|20)[0-9]{2})" + NumberEnd + @"(?![\s\-]+[0-9])(?!['’]?s\b)",
        Options)]
    private static partial Regex VagueYearRegex();

    /// <summary>"the mid-1990s", "the early 2000s", "the nineties", "the late eighties", "the '90s", "the 90s".</summary>
    [GeneratedRegex(
        @"\b(?:the\s+(?:(?:mid|early|late)(?:-|\s+))?(?:(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)"
        + @"|['’‘]?(?<yy>[0-9]0)['’]?s)|(?:the\s+)?(?:mid|early|late)(?:-|\s+)(?<year>[12][0-9]{2}0)['’]?s)(?!\w)",
        Options)]
    private static partial Regex VagueDecadeRegex();

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

    /// <summary>
    /// A year inside a name: a capitalized word and a dash before it ("Indus Shield – 2021", "Shield-2021"), or a
    /// capitalized word before it in mid-sentence ("the Expo 2024", "the Solidarity Games 2017", "Vision 2030"). The
    /// capitalized word is not a month, weekday, season or a title-cased preposition, and not a possessive
    /// ("Aliyev's 1996 visit" is dated).
    /// </summary>
    [GeneratedRegex(
        @"(?-i:\b[A-Z][\p{L}&]*\p{L})(?<!\b(?:" + AnyMonthWord + "|" + WeekdayName + "|" + SeasonName + @"))\s*[\-–—]\s*"
        + "(?:19|20)[0-9]{2}" + NumberEnd
        + @"|(?<=[\p{L}\p{N},;)\]]\s{1,4})(?-i:\b[A-Z][\p{L}&]*\p{L})"
        + @"(?<!\b(?:" + AnyMonthWord + "|" + WeekdayName + "|" + SeasonName
        + "|in|on|at|by|of|for|from|since|until|till|to|through|during|before|after|and|or|the|an|circa|about|around"
        + @"|between|throughout|year|fiscal|mid|early|late))\s{1,4}(?:19|20)[0-9]{2}" + NumberEnd,
        Options)]
    private static partial Regex NameWithYearRegex();

    /// <summary>
    /// Schedules, which are not event dates: "every Sunday and Wednesday", "each Monday", "every year in May",
    /// "every other Friday", "on Fridays and Saturdays", "in May each year", "annually in March".
    /// </summary>
    [GeneratedRegex(
        @"\b(?:(?:every|each)\s+(?:other\s+|single\s+)?(?:" + WeekdayName + "|" + AnyMonthWord + "|" + SeasonName + @"|year|month|week)"
        + @"(?:\s*(?:,\s*|\s+)(?:and\s+|or\s+|&\s*)?(?:" + WeekdayName + "|" + AnyMonthWord + "))*"
        + @"(?:\s+(?:in|on|during)\s+(?:" + WeekdayName + "|" + AnyMonthWord + "))?"
        + @"|(?:annually|yearly|monthly|weekly)\s+(?:in|on)\s+(?:" + WeekdayName + "|" + AnyMonthWord + ")"
        + @"|" + WeekdayName + @"s(?:\s*(?:,\s*|\s+)(?:and\s+|or\s+|&\s*)?" + WeekdayName + "s?)*"
        + @"|(?:in|on|during)\s+(?:" + AnyMonthWord + "|" + SeasonName + @")\s+(?:every|each)\s+year)(?!\w)",
        Options)]
    private static partial Regex ScheduleRegex();

    /// <summary>A present-tense future cue: "is due", "are expected", "is scheduled", "is set to", "runs until", "upcoming".</summary>
    [GeneratedRegex(
        @"\b(?:(?:is|are)\s+(?:(?:now|also|still)\s+)?(?:due|expected|scheduled|planned|set\s+to|to\s+be\s+held|open\s+until)|runs?\s+until|upcoming)\b",
        Options)]
    private static partial Regex FutureCueRegex();

    /// <summary>Links: nothing inside them is a date ("https://t.co/bNge6qQ65X", "pic.twitter.com/x2018").</summary>
    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b(?:[a-z0-9\-]+\.)+(?:com|org|net|co|gov|edu|pk|az|io|ly)/\S*", Options)]
    private static partial Regex UrlRegex();
}
