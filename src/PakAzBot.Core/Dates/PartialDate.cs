using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

/// <summary>How much of a date the source actually states.</summary>
public enum DatePrecision
{
    Day,
    Month,
    HalfYear,
    Year,
    Decade,
}

/// <summary>
/// A calendar date known only to some precision: 1991-12-12, 1992-06, 1998, the second half of 2018, the 2010s.
/// </summary>
/// <param name="Year">The year; for a decade, its first year (2010 for the 2010s).</param>
/// <param name="Month">1..12 for day and month precision, else null.</param>
/// <param name="Day">1..31 for day precision, else null.</param>
/// <param name="Precision">What the source states.</param>
/// <param name="Half">1 or 2 for half-year precision, else null.</param>
/// <remarks>
/// The constructor validates the combination (year 1000..9999, a real day of a real month, the fields that the
/// precision needs and no others, a decade starting on a year ending in 0) and throws <see cref="ArgumentException"/>
/// otherwise. Use <see cref="TryCreate"/> or <see cref="TryParse"/> when the input may be invalid.
/// </remarks>
public sealed partial record PartialDate(int Year, int? Month, int? Day, DatePrecision Precision, int? Half = null)
    : IComparable<PartialDate>
{
    public const int MinYear = 1000;
    public const int MaxYear = 9999;

    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    // Runs as part of the primary constructor; always true, so it never affects equality.
    private readonly bool _valid = Validate(Year, Month, Day, Precision, Half);

    /// <summary>ISO-like form: "1991-12-12", "1992-06", "1998"; a half-year gives just its year ("2018"), a decade "2010s".</summary>
    public string Iso => Precision switch
    {
        DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        DatePrecision.Decade => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}s"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>Form for people: "12 December 1991", "June 1992", "1998", "second half of 2018", "the 2010s".</summary>
    public string Label => Precision switch
    {
        DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Day} {MonthNames[Month!.Value - 1]} {Year}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{MonthNames[Month!.Value - 1]} {Year}"),
        DatePrecision.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{(Half == 1 ? "first" : "second")} half of {Year}"),
        DatePrecision.Decade => string.Create(CultureInfo.InvariantCulture, $"the {Year}s"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Name of the precision for JSON: "day", "month", "half-year", "year", "decade".</summary>
    public string PrecisionName => NameOf(Precision);

    /// <summary>First day covered (inclusive).</summary>
    public DateOnly Start => Precision switch
    {
        DatePrecision.Day => new DateOnly(Year, Month!.Value, Day!.Value),
        DatePrecision.Month => new DateOnly(Year, Month!.Value, 1),
        DatePrecision.HalfYear => new DateOnly(Year, Half == 1 ? 1 : 7, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>True when <paramref name="other"/> lies wholly inside this date ("June 1992" contains "9 June 1992").</summary>
    public bool Contains(PartialDate other) => other.Start >= Start && other.End <= End;

    /// <summary>Last day covered (inclusive).</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Day => new DateOnly(Year, Month!.Value, Day!.Value),
        DatePrecision.Month => new DateOnly(Year, Month!.Value, DateTime.DaysInMonth(Year, Month.Value)),
        DatePrecision.HalfYear => Half == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31),
        DatePrecision.Decade => new DateOnly(Year + 9, 12, 31),
        _ => new DateOnly(Year, 12, 31),
    };

    public static PartialDate OfDay(DateOnly date) => new(date.Year, date.Month, date.Day, DatePrecision.Day);

    public static PartialDate OfDay(int year, int month, int day) => new(year, month, day, DatePrecision.Day);

    public static PartialDate OfMonth(int year, int month) => new(year, month, null, DatePrecision.Month);

    public static PartialDate OfHalfYear(int year, int half) => new(year, null, null, DatePrecision.HalfYear, half);

    public static PartialDate OfYear(int year) => new(year, null, null, DatePrecision.Year);

    /// <summary>The decade containing <paramref name="year"/> (2015 → the 2010s).</summary>
    public static PartialDate OfDecade(int year) => new(year - (year % 10), null, null, DatePrecision.Decade);

    /// <summary>The JSON name of a precision: "day", "month", "half-year", "year", "decade".</summary>
    public static string NameOf(DatePrecision precision) => precision switch
    {
        DatePrecision.Day => "day",
        DatePrecision.Month => "month",
        DatePrecision.HalfYear => "half-year",
        DatePrecision.Year => "year",
        DatePrecision.Decade => "decade",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>Creates the date if the combination is valid (see the type remarks), else returns false.</summary>
    public static bool TryCreate(
        int year, int? month, int? day, DatePrecision precision, int? half, [NotNullWhen(true)] out PartialDate? date)
    {
        date = Check(year, month, day, precision, half) is null ? new PartialDate(year, month, day, precision, half) : null;
        return date is not null;
    }

    /// <summary>
    /// Parses command-line input: the <see cref="Iso"/> forms ("1991-12-12", "1992-06", "1998", "2010s") and
    /// natural, self-contained forms ("October 1995", "June of 1992", "12 December 1991", "December 12, 1991",
    /// "second half of 2018", "the 2010s"). Relative forms ("yesterday", "May 30th", "the previous decade") are rejected.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PartialDate? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var iso = IsoRegex().Match(trimmed);
        if (iso.Success)
        {
            var year = ParseInt(iso.Groups["year"].Value);
            if (iso.Groups["decade"].Success)
            {
                return TryCreate(year, null, null, DatePrecision.Decade, null, out date);
            }

            int? month = iso.Groups["month"].Success ? ParseInt(iso.Groups["month"].Value) : null;
            int? day = iso.Groups["day"].Success ? ParseInt(iso.Groups["day"].Value) : null;
            var precision = day is not null ? DatePrecision.Day : month is not null ? DatePrecision.Month : DatePrecision.Year;
            return TryCreate(year, month, day, precision, null, out date);
        }

        var mentions = DateRecognizer.Scan(trimmed, reference: null);
        if (mentions.Count == 1 && mentions[0].Start == 0 && mentions[0].Length == trimmed.Length)
        {
            date = mentions[0].Date;
        }

        return date is not null;
    }

    /// <summary>Orders by <see cref="Start"/>, then narrower precision first, then <see cref="End"/>.</summary>
    public int CompareTo(PartialDate? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byStart = Start.CompareTo(other.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byPrecision = Precision.CompareTo(other.Precision);
        return byPrecision != 0 ? byPrecision : End.CompareTo(other.End);
    }

    private static bool Validate(int year, int? month, int? day, DatePrecision precision, int? half)
    {
        var problem = Check(year, month, day, precision, half);
        return problem is null ? true : throw new ArgumentException(problem);
    }

    /// <summary>Returns null when valid, else what is wrong.</summary>
    private static string? Check(int year, int? month, int? day, DatePrecision precision, int? half)
    {
        if (year is < MinYear or > MaxYear)
        {
            return $"Year {year} is outside {MinYear}..{MaxYear}.";
        }

        var needsMonth = precision is DatePrecision.Day or DatePrecision.Month;
        if (needsMonth != month.HasValue)
        {
            return needsMonth ? $"{precision} precision needs a month." : $"{precision} precision takes no month.";
        }

        if (month is < 1 or > 12)
        {
            return $"Month {month} is outside 1..12.";
        }

        var needsDay = precision == DatePrecision.Day;
        if (needsDay != day.HasValue)
        {
            return needsDay ? "Day precision needs a day." : $"{precision} precision takes no day.";
        }

        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            return $"Day {day} does not exist in {year}-{month:D2}.";
        }

        var needsHalf = precision == DatePrecision.HalfYear;
        if (needsHalf != half.HasValue || half is not (null or 1 or 2))
        {
            return needsHalf ? "Half-year precision needs half 1 or 2." : $"{precision} precision takes no half.";
        }

        return precision switch
        {
            DatePrecision.Decade when year % 10 != 0 => $"A decade starts on a year ending in 0, not {year}.",
            not (DatePrecision.Day or DatePrecision.Month or DatePrecision.HalfYear or DatePrecision.Year or DatePrecision.Decade)
                => $"Unknown precision {precision}.",
            _ => null,
        };
    }

    private static int ParseInt(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?:(?<decade>(?<=0)s)|-(?<month>[0-9]{2})(?:-(?<day>[0-9]{2}))?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoRegex();
}
