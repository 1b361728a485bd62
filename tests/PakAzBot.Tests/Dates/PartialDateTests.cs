using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

public class PartialDateTests
{
    public static TheoryData<string, string, string, string, string, string> Forms => new()
    {
        // input to TryParse, Iso, Label, PrecisionName, Start, End
        { "1991-12-12", "1991-12-12", "12 December 1991", "day", "1991-12-12", "1991-12-12" },
        { "1992-06", "1992-06", "June 1992", "month", "1992-06-01", "1992-06-30" },
        { "2024-02", "2024-02", "February 2024", "month", "2024-02-01", "2024-02-29" },
        { "2023-02", "2023-02", "February 2023", "month", "2023-02-01", "2023-02-28" },
        { "1998", "1998", "1998", "year", "1998-01-01", "1998-12-31" },
        { "second half of 2018", "2018", "second half of 2018", "half-year", "2018-07-01", "2018-12-31" },
        { "the first half of 2018", "2018", "first half of 2018", "half-year", "2018-01-01", "2018-06-30" },
        { "2010s", "2010s", "the 2010s", "decade", "2010-01-01", "2019-12-31" },
        { "the 1990s", "1990s", "the 1990s", "decade", "1990-01-01", "1999-12-31" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void ParsesAndFormatsEachPrecision(string input, string iso, string label, string precision, string start, string end)
    {
        Assert.True(PartialDate.TryParse(input, out var date));
        Assert.Equal(iso, date.Iso);
        Assert.Equal(label, date.Label);
        Assert.Equal(precision, date.PrecisionName);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), date.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), date.End);
    }

    [Theory]
    [InlineData("October 1995", 1995, 10, null, DatePrecision.Month)]
    [InlineData("Oct 1995", 1995, 10, null, DatePrecision.Month)]
    [InlineData("june of 1992", 1992, 6, null, DatePrecision.Month)]
    [InlineData("12 December 1991", 1991, 12, 12, DatePrecision.Day)]
    [InlineData("12th of December 1991", 1991, 12, 12, DatePrecision.Day)]
    [InlineData("December 12, 1991", 1991, 12, 12, DatePrecision.Day)]
    [InlineData("Dec. 12, 1991", 1991, 12, 12, DatePrecision.Day)]
    [InlineData("  1998  ", 1998, null, null, DatePrecision.Year)]
    [InlineData("1000", 1000, null, null, DatePrecision.Year)]
    [InlineData("9999-12-31", 9999, 12, 31, DatePrecision.Day)]
    [InlineData("2024-02-29", 2024, 2, 29, DatePrecision.Day)]
    public void TryParseAcceptsIsoAndNaturalForms(string input, int year, int? month, int? day, DatePrecision precision)
    {
        Assert.True(PartialDate.TryParse(input, out var date));
        Assert.Equal(new PartialDate(year, month, day, precision), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("banana")]
    [InlineData("2022-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2022-13")]
    [InlineData("2022-00")]
    [InlineData("2022-04-31")]
    [InlineData("2022-4-1")]
    [InlineData("0999")]
    [InlineData("10000")]
    [InlineData("2015s")]
    [InlineData("February 30, 2022")]
    [InlineData("31 April 2020")]
    [InlineData("May")]
    [InlineData("May 30th")]
    [InlineData("yesterday")]
    [InlineData("last Friday")]
    [InlineData("the previous decade")]
    [InlineData("October 1995 and June 1992")]
    [InlineData("In October 1995")]
    [InlineData("١٩٩٨")]
    public void TryParseRejectsInvalidAndRelativeInput(string? input)
    {
        Assert.False(PartialDate.TryParse(input, out var date));
        Assert.Null(date);
    }

    [Theory]
    [InlineData("1991-12-12")]
    [InlineData("1992-06")]
    [InlineData("1998")]
    [InlineData("2010s")]
    public void IsoRoundTripsThroughTryParse(string iso)
    {
        Assert.True(PartialDate.TryParse(iso, out var date));
        Assert.Equal(iso, date.Iso);
    }

    [Theory]
    [InlineData("12 December 1991")]
    [InlineData("June 1992")]
    [InlineData("1998")]
    [InlineData("second half of 2018")]
    [InlineData("the 2010s")]
    public void LabelRoundTripsThroughTryParse(string label)
    {
        Assert.True(PartialDate.TryParse(label, out var date));
        Assert.Equal(label, date.Label);
    }

    [Fact]
    public void CompareToOrdersByStartThenNarrowerPrecisionThenEnd()
    {
        var decade = PartialDate.OfDecade(2010);
        var year2010 = PartialDate.OfYear(2010);
        var firstHalf2010 = PartialDate.OfHalfYear(2010, 1);
        var january2010 = PartialDate.OfMonth(2010, 1);
        var newYear2010 = PartialDate.OfDay(2010, 1, 1);
        var secondDay2010 = PartialDate.OfDay(2010, 1, 2);
        var secondHalf2009 = PartialDate.OfHalfYear(2009, 2);

        var sorted = new[] { decade, secondDay2010, year2010, january2010, secondHalf2009, firstHalf2010, newYear2010 }
            .Order()
            .ToList();

        Assert.Equal([secondHalf2009, newYear2010, january2010, firstHalf2010, year2010, decade, secondDay2010], sorted);
        Assert.True(newYear2010.CompareTo(decade) < 0);
        Assert.True(decade.CompareTo(newYear2010) > 0);
        Assert.Equal(0, PartialDate.OfMonth(1992, 6).CompareTo(PartialDate.OfMonth(1992, 6)));
        Assert.True(year2010.CompareTo(null) > 0);
    }

    [Fact]
    public void FactoriesBuildTheExpectedDates()
    {
        Assert.Equal(new PartialDate(2022, 6, 10, DatePrecision.Day), PartialDate.OfDay(new DateOnly(2022, 6, 10)));
        Assert.Equal(new PartialDate(2018, null, null, DatePrecision.HalfYear, 2), PartialDate.OfHalfYear(2018, 2));
        Assert.Equal(new PartialDate(2010, null, null, DatePrecision.Decade), PartialDate.OfDecade(2015));
        Assert.Equal("2010s", PartialDate.OfDecade(2019).Iso);
    }

    [Theory]
    [InlineData(999, null, null, DatePrecision.Year, null)]
    [InlineData(10000, null, null, DatePrecision.Year, null)]
    [InlineData(2022, 13, null, DatePrecision.Month, null)]
    [InlineData(2022, 0, null, DatePrecision.Month, null)]
    [InlineData(2022, 2, 30, DatePrecision.Day, null)]
    [InlineData(2022, 6, null, DatePrecision.Day, null)]
    [InlineData(2022, null, null, DatePrecision.Month, null)]
    [InlineData(2022, 6, null, DatePrecision.Year, null)]
    [InlineData(2022, null, null, DatePrecision.HalfYear, null)]
    [InlineData(2022, null, null, DatePrecision.HalfYear, 3)]
    [InlineData(2022, null, null, DatePrecision.Year, 1)]
    [InlineData(2015, null, null, DatePrecision.Decade, null)]
    [InlineData(2022, null, null, (DatePrecision)42, null)]
    public void ConstructorRejectsInconsistentFields(int year, int? month, int? day, DatePrecision precision, int? half)
    {
        Assert.Throws<ArgumentException>(() => new PartialDate(year, month, day, precision, half));
        Assert.False(PartialDate.TryCreate(year, month, day, precision, half, out var date));
        Assert.Null(date);
    }

    [Fact]
    public void EqualDatesAreEqualRecords()
    {
        Assert.Equal(PartialDate.OfDay(1991, 12, 12), new PartialDate(1991, 12, 12, DatePrecision.Day));
        Assert.NotEqual(PartialDate.OfYear(2018), PartialDate.OfHalfYear(2018, 2));
        Assert.Equal(PartialDate.OfMonth(1992, 6).GetHashCode(), new PartialDate(1992, 6, null, DatePrecision.Month).GetHashCode());
    }

    [Theory]
    [InlineData(DatePrecision.Day, "day")]
    [InlineData(DatePrecision.Month, "month")]
    [InlineData(DatePrecision.HalfYear, "half-year")]
    [InlineData(DatePrecision.Year, "year")]
    [InlineData(DatePrecision.Decade, "decade")]
    public void PrecisionNamesAreTheJsonNames(DatePrecision precision, string name)
    {
        Assert.Equal(name, PartialDate.NameOf(precision));
    }
}
