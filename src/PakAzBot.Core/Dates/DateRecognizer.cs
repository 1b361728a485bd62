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
/// <para>
/// The source is split by what it recognizes: DateRecognizer.Absolute.cs (calendar dates, with or without their year),
/// DateRecognizer.Relative.cs (relative to publication or to the text before), DateRecognizer.Ranges.cs (half-years,
/// decades, vague parts of a year) and DateRecognizer.NotDates.cs (links, names, schedules, the verbs "may"/"march");
/// this file gathers their candidates, picks the longest and resolves them in reading order.
/// </para>
/// </remarks>
public static partial class DateRecognizer
{
    private const RegexOptions Options =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Shared pattern pieces (constants so they can be used in GeneratedRegex attributes).
    private const string AnyMonthWord =
        "(?:january|february|march|april|may|june|july|august|september|october|november|december"
        + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

    private const string WeekdayName = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

    private const string SeasonName = "(?:spring|summer|autumn|fall|winter)";

    /// <summary>A number ends here: no letter/digit, percent sign, or decimal/range/time continuation follows.</summary>
    private const string NumberEnd = @"(?![\w%]|[.,:/\-][0-9])";

    /// <summary>A number does not start here: it is not glued to a word, decimal point, path, sign, tag or currency.</summary>
    private const string NumberStart = @"(?<![\w.,/\-+#@$€£:&=%])";

    private const string YearNumber = "(?<year>[12][0-9]{3})" + NumberEnd;

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

    /// <summary>
    /// Gathers every candidate span from each part, in a fixed order (the order breaks ties between equally long spans
    /// at one place), keeps the longest of overlapping ones and resolves them in reading order.
    /// </summary>
    private static List<Found> Scan(string text, DateOnly? reference, PartialDate? context, ScanMode mode)
    {
        var candidates = new Candidates(text);
        AddStatedDates(text, candidates);       // DateRecognizer.Absolute.cs
        AddPeriods(text, candidates);           // DateRecognizer.Ranges.cs
        AddNotDates(text, candidates);          // DateRecognizer.NotDates.cs
        AddMonthsAlone(text, candidates);       // DateRecognizer.Absolute.cs
        if (mode != ScanMode.Parse)
        {
            AddRelativeDates(text, candidates); // DateRecognizer.Relative.cs
        }

        return Resolve(text, reference, context, mode, SelectLongest(text.Length, candidates.Items));
    }

    /// <summary>The candidate spans of one text; nothing inside a link is a candidate.</summary>
    private sealed class Candidates(string text)
    {
        private readonly bool[] inLink = LinkMask(text);

        public List<Candidate> Items { get; } = [];

        public void Add(Match m, Func<Frame, Found?> resolve)
        {
            if (Array.IndexOf(inLink, true, m.Index, m.Length) < 0)
            {
                Items.Add(new Candidate(m.Index, m.Length, resolve));
            }
        }

        /// <summary>A stated date; an invalid one ("February 30, 2022") is no candidate at all, so shorter readings remain.</summary>
        public void AddStated(Match m, PartialDate? date)
        {
            if (date is not null)
            {
                Add(m, _ => new Found(m.Index, m.Length, date, DateBasis.Stated));
            }
        }

        /// <summary>
        /// A span that is not a date and claims its characters, so that no shorter reading ("2022", "Sunday") is
        /// taken from inside it: an impossible day, a name with a year in it, a schedule.
        /// </summary>
        public void Block(Match m) => Items.Add(new Candidate(m.Index, m.Length, null));
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

    /// <summary>Lower case, with runs of white space made one space: "The  following" → "the following".</summary>
    private static string Words(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

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

    /// <summary>A present-tense future cue: "is due", "are expected", "is scheduled", "is set to", "runs until", "upcoming".</summary>
    [GeneratedRegex(
        @"\b(?:(?:is|are)\s+(?:(?:now|also|still)\s+)?(?:due|expected|scheduled|planned|set\s+to|to\s+be\s+held|open\s+until)|runs?\s+until|upcoming)\b",
        Options)]
    private static partial Regex FutureCueRegex();
}
