using PakAzBot.Core.Dates;
using static PakAzBot.Tests.Dates.DateAssert;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Relative dates (DateRecognizer.Relative.cs), as writers write them: relative to publication or relative to the dated
/// text before them. Every sentence here is made up for the test, on no particular subject, except the TDI cases.
/// </summary>
public class RelativeDateTests
{
    [Theory]
    [InlineData("The bakery closed last month after a fire.", "last month", "2015-02", "month")]
    [InlineData("Last month the choir toured the coast.", "Last month", "2015-02", "month")]
    [InlineData("The council voted last week to widen the road.", "last week", "2015-03", "month")]
    [InlineData("Rainfall last year was the lowest on record.", "last year", "2014", "year")]
    [InlineData("This year the fair moves to the river bank.", "This year", "2015", "year")]
    [InlineData("The museum reopened earlier this year.", "earlier this year", "2015", "year")]
    [InlineData("A second bridge opens later this year.", "later this year", "2015", "year")]
    [InlineData("The road will be finished next year.", "next year", "2016", "year")]
    [InlineData("The mill was sold two years ago.", "two years ago", "2013", "year")]
    [InlineData("The mill was sold 2 years ago.", "2 years ago", "2013", "year")]
    [InlineData("The old school burned down forty years ago this week.", "forty years ago this week", "1975", "year")]
    [InlineData("The pier collapsed a month ago.", "a month ago", "2015-02", "month")]
    [InlineData("The ferry sank three days ago.", "three days ago", "2015-03-09", "day")]
    [InlineData("The orchard flowered late last spring.", "last spring", "2014", "year")]
    [InlineData("The lake froze last winter.", "last winter", "2014", "year")]
    [InlineData("The club was founded last May.", "last May", "2014-05", "month")]
    [InlineData("The club was founded last February.", "last February", "2015-02", "month")]
    public void ResolvesExpressionsRelativeToPublication(string sentence, string text, string iso, string precision)
    {
        AssertOne(sentence, text, iso, precision, DateBasis.Reference);
    }

    [Fact]
    public void PublicationRelativeExpressionsIgnoreTheContext()
    {
        // A news writer's "last year" is the year before publication, even in a paragraph about 1960.
        AssertOne("Last year the hall was repainted.", "Last year", "2014", "year", DateBasis.Reference, Parse("1960"));
    }

    [Theory]
    [InlineData("The farm changed hands the following year.", "1988", "the following year", "1989", "year")]
    [InlineData("The farm changed hands the next year.", "1988-04-02", "the next year", "1989", "year")]
    [InlineData("The farm had changed hands the previous year.", "1988", "the previous year", "1987", "year")]
    [InlineData("The roof was fixed two months later.", "1988-04-02", "two months later", "1988-06", "month")]
    [InlineData("The roof was fixed 14 months later.", "1988-11", "14 months later", "1990-01", "month")]
    [InlineData("The roof had been fixed a year earlier.", "1988-04-02", "a year earlier", "1987", "year")]
    [InlineData("The roof was fixed three years later.", "the second half of 1988", "three years later", "1991", "year")]
    [InlineData("The roof was fixed three years afterwards.", "1988", "three years afterwards", "1991", "year")]
    [InlineData("The roof was fixed two years after.", "1988", "two years after", "1990", "year")]
    [InlineData("The ship left the next day.", "1988-12-31", "the next day", "1989-01-01", "day")]
    [InlineData("The ship left the day after.", "1988-12-31", "the day after", "1989-01-01", "day")]
    [InlineData("The ship had arrived the day before.", "1988-03-01", "the day before", "1988-02-29", "day")]
    [InlineData("The ship left two days later.", "1988-04-02", "two days later", "1988-04-04", "day")]
    [InlineData("The ship left three weeks later.", "1988-04-20", "three weeks later", "1988-05", "month")]
    [InlineData("The ship left the following week.", "1988-04-28", "the following week", "1988-05", "month")]
    [InlineData("The ship left the following month.", "1988-12", "the following month", "1989-01", "month")]
    [InlineData("The ship left later that month.", "1988-04-02", "later that month", "1988-04", "month")]
    [InlineData("The ship left later that year.", "1988-04", "later that year", "1988", "year")]
    [InlineData("The mayor spoke to the crowd that day.", "1988-04-02", "that day", "1988-04-02", "day")]
    [InlineData("The mayor resigned the same year.", "1988-04-02", "the same year", "1988", "year")]
    [InlineData("The mayor resigned that same month.", "1988-04-02", "that same month", "1988-04", "month")]
    [InlineData("The seeds were sown the following spring.", "1988", "the following spring", "1989", "year")]
    [InlineData("The seeds were sown the following spring.", "1988-02", "the following spring", "1988", "year")]
    [InlineData("The seeds were sown the following spring.", "1988-05", "the following spring", "1989", "year")]
    [InlineData("The seeds were sown the following autumn.", "1988-05", "the following autumn", "1988", "year")]
    [InlineData("The seeds had been sown the previous winter.", "1988-02", "the previous winter", "1986", "year")]
    [InlineData("The seeds had been sown the previous winter.", "1988-04", "the previous winter", "1987", "year")]
    public void ResolvesExpressionsRelativeToTheContext(string sentence, string context, string text, string iso, string precision)
    {
        AssertOne(sentence, text, iso, precision, DateBasis.Context, Parse(context));
    }

    [Fact]
    public void TheNearestEarlierDateOfTheSameTextIsTheContext()
    {
        const string text = "The bridge opened on 3 May 2004 and closed two months later; it reopened in 1990 and again the following year.";

        var mentions = DateRecognizer.Recognize(text, Published, Parse("1950"));

        Assert.Equal(["3 May 2004", "two months later", "1990", "the following year"], mentions.Select(m => m.Text));
        Assert.Equal(["2004-05-03", "2004-07", "1990", "1991"], mentions.Select(m => m.Date.Iso));
        Assert.Equal([DateBasis.Stated, DateBasis.Context, DateBasis.Stated, DateBasis.Context], mentions.Select(m => m.Basis));
    }

    [Theory]
    [InlineData("The farm changed hands the following year.", null)] // nothing to follow
    [InlineData("The ship left two days later.", null)]
    [InlineData("The farm changed hands the following year.", "the 1980s")] // a decade has no year to add one to
    [InlineData("The ship left two days later.", "1988")] // a year has no day to add two to
    [InlineData("The ship left the next day.", "1988-04")]
    [InlineData("The roof was fixed two months later.", "1988")]
    [InlineData("The mayor spoke to the crowd that day.", "1988")]
    public void AContextTooCoarseOrMissingGivesNoDate(string sentence, string? context)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, context is null ? null : Parse(context)));
    }

    [Theory]
    [InlineData("The tunnel opened two years later than planned.")]
    [InlineData("The tunnel opened three years before the flood.")]
    [InlineData("Prices should rise over the next year.")]
    [InlineData("Prices will rise within the next year.")]
    [InlineData("The last year has been hard for farmers.")]
    [InlineData("The past year has been hard for farmers.")]
    [InlineData("Over the following six weeks the river rose.")]
    [InlineData("The following years were quiet.")]
    [InlineData("Sales fell in the past month.")]
    public void DurationsAndComparisonsAreNotDates(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, Parse("1988-04-02")));
    }

    [Fact]
    public void AWeekdayStaysRelativeToPublicationWhateverTheContext()
    {
        AssertOne("The mayor resigned on Tuesday.", "Tuesday", "2015-03-10", "day", DateBasis.Reference, Parse("1961-04-04"));
    }

    [Theory]
    [InlineData("During the previous decade, Pakistan trained units.", "the previous decade", "2010s")]
    [InlineData("Over the past decade, trade grew.", "the past decade", "2010s")]
    [InlineData("In the last decade, trade grew.", "the last decade", "2010s")]
    [InlineData("Trade will double this decade.", "this decade", "2020s")]
    [InlineData("Trade will double in the current decade.", "the current decade", "2020s")]
    public void ResolvesRelativeDecadesAgainstPublication(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Decade);
    }

    [Theory]
    [InlineData("They celebrated the anniversary on Friday.", "Friday", "2022-06-10")]
    [InlineData("They celebrated the anniversary last Friday.", "last Friday", "2022-06-10")]
    [InlineData("They celebrated the anniversary Friday.", "Friday", "2022-06-10")]
    [InlineData("what happened on friday", "friday", "2022-06-10")]
    [InlineData("The ministers met on Saturday.", "Saturday", "2022-06-04")]
    [InlineData("The ministers met on Sunday.", "Sunday", "2022-06-05")]
    [InlineData("The ministers met on Monday.", "Monday", "2022-06-06")]
    public void ResolvesWeekdayToMostRecentBeforePublication(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Day);
    }

    [Theory]
    [InlineData("The resolution passed yesterday.", "yesterday", "2022-06-10")]
    [InlineData("The resolution passes today.", "today", "2022-06-11")]
    [InlineData("Today the Senate met.", "Today", "2022-06-11")]
    [InlineData("The resolution passes tomorrow.", "tomorrow", "2022-06-12")]
    public void ResolvesRelativeDaysAgainstPublication(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Day);
    }
}
