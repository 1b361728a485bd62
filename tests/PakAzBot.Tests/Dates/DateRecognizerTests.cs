using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

public class DateRecognizerTests
{
    /// <summary>Publication date of the TDI article: Saturday 11 June 2022.</summary>
    private static readonly DateOnly Published = new(2022, 6, 11);

    private static DateMention Single(string text, DateOnly? reference = null)
    {
        var mentions = DateRecognizer.Recognize(text, reference ?? Published);
        return Assert.Single(mentions);
    }

    private static void AssertMention(string sentence, string expectedText, string iso, DatePrecision precision)
    {
        var mention = Single(sentence);
        Assert.Equal(expectedText, mention.Text);
        Assert.Equal(expectedText, sentence.Substring(mention.Start, mention.Length));
        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(precision, mention.Date.Precision);
    }

    [Theory]
    [InlineData("On December 12, 1991, Pakistan recognized Azerbaijan.", "December 12, 1991", "1991-12-12")]
    [InlineData("On December 12 1991 Pakistan recognized Azerbaijan.", "December 12 1991", "1991-12-12")]
    [InlineData("On 12 December 1991 Pakistan recognized Azerbaijan.", "12 December 1991", "1991-12-12")]
    [InlineData("On the 12th of December 1991 Pakistan recognized Azerbaijan.", "12th of December 1991", "1991-12-12")]
    [InlineData("On Dec. 12, 1991 Pakistan recognized Azerbaijan.", "Dec. 12, 1991", "1991-12-12")]
    [InlineData("On Dec 12, 1991 Pakistan recognized Azerbaijan.", "Dec 12, 1991", "1991-12-12")]
    [InlineData("On Sept 12, 2021 drills were held.", "Sept 12, 2021", "2021-09-12")]
    [InlineData("on september 12, 2021 drills were held", "september 12, 2021", "2021-09-12")]
    [InlineData("Islamabad, 11 June 2022 (TDI): Pakistan", "11 June 2022", "2022-06-11")]
    [InlineData("Published Friday, June 10, 2022 at noon.", "Friday, June 10, 2022", "2022-06-10")]
    [InlineData("Published Saturday 11 June 2022.", "Saturday 11 June 2022", "2022-06-11")]
    [InlineData("The log says 1991-12-12 was the day.", "1991-12-12", "1991-12-12")]
    [InlineData("It was signed on February 29, 2024.", "February 29, 2024", "2024-02-29")]
    [InlineData("On December 12th, 1991 Pakistan recognized Azerbaijan.", "December 12th, 1991", "1991-12-12")]
    [InlineData("On 12 December, 1991 Pakistan recognized Azerbaijan.", "12 December, 1991", "1991-12-12")]
    [InlineData("DATELINE: 10 JUNE 2022", "10 JUNE 2022", "2022-06-10")]
    [InlineData("Updated 2022-06-10T10:00 by staff.", "2022-06-10", "2022-06-10")]
    public void RecognizesExplicitDays(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Day);
    }

    [Fact]
    public void RecognizesDateInTweetAttributionLine()
    {
        const string line = "🇦🇿🤝🇵🇰https://t.co/bNge6qQ65X pic.twitter.com/jmelvSBmn7— Azerbaijan Emb. to Pakistan (@AzEmbPak) June 10, 2022";

        AssertMention(line, "June 10, 2022", "2022-06-10", DatePrecision.Day);
    }

    [Theory]
    [InlineData("independence from the Soviet Union in June of 1992.", "June of 1992", "1992-06")]
    [InlineData("In October 1995, Pakistan and Azerbaijan signed", "October 1995", "1995-10")]
    [InlineData("In Oct 1995, Pakistan and Azerbaijan signed", "Oct 1995", "1995-10")]
    [InlineData("when did azerbaijan gain independence? june of 1992?", "june of 1992", "1992-06")]
    [InlineData("The talks resumed in May 2019.", "May 2019", "2019-05")]
    [InlineData("The talks resumed in MARCH 2019.", "MARCH 2019", "2019-03")]
    [InlineData("The talks resumed in October, 1995.", "October, 1995", "1995-10")]
    public void RecognizesMonths(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Month);
    }

    [Theory]
    [InlineData("In 1998, the partnership came to an end.", "1998")]
    [InlineData("It remembers the victory in 2020, which ended", "2020")]
    [InlineData("2018 was a busy year.", "2018")]
    [InlineData("Talks (2019) failed.", "2019")]
    [InlineData("Trade grew in 2021.", "2021")]
    [InlineData("Relations since 1992: a review", "1992")]
    [InlineData("This is the year 2018.", "2018")]
    public void RecognizesBareYearsAsJustTheYear(string sentence, string year)
    {
        AssertMention(sentence, year, year, DatePrecision.Year);
    }

    [Theory]
    [InlineData("7.3 million USD in the second half of 2018.", "the second half of 2018", 2)]
    [InlineData("Trade fell in the first half of 2018.", "the first half of 2018", 1)]
    [InlineData("Trade fell in first half of 2018.", "first half of 2018", 1)]
    [InlineData("Trade fell in H2 2018.", "H2 2018", 2)]
    [InlineData("trade fell in h1 2018.", "h1 2018", 1)]
    public void RecognizesHalfYears(string sentence, string text, int half)
    {
        var mention = Single(sentence);
        Assert.Equal(text, mention.Text);
        Assert.Equal(PartialDate.OfHalfYear(2018, half), mention.Date);
        Assert.Equal("2018", mention.Date.Iso);
    }

    [Theory]
    [InlineData("Ties deepened in the 1990s.", "the 1990s", "1990s")]
    [InlineData("Ties deepened in the 1990's.", "the 1990's", "1990s")]
    [InlineData("Ties deepened in 2000s Baku.", "2000s", "2000s")]
    [InlineData("During the previous decade, Pakistan trained units.", "the previous decade", "2010s")]
    [InlineData("Over the past decade, trade grew.", "the past decade", "2010s")]
    [InlineData("In the last decade, trade grew.", "the last decade", "2010s")]
    [InlineData("Trade will double this decade.", "this decade", "2020s")]
    [InlineData("Trade will double in the current decade.", "the current decade", "2020s")]
    public void RecognizesDecades(string sentence, string text, string iso)
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

    [Theory]
    [InlineData("passed a resolution on May 30th celebrating", "May 30th", "2022-05-30")]
    [InlineData("passed a resolution on May 30 celebrating", "May 30", "2022-05-30")]
    [InlineData("passed a resolution on 30 May celebrating", "30 May", "2022-05-30")]
    [InlineData("passed a resolution on the 30th of May celebrating", "30th of May", "2022-05-30")]
    [InlineData("what did the senate pass on may 30", "may 30", "2022-05-30")]
    [InlineData("The ceremony was on June 11.", "June 11", "2022-06-11")]
    [InlineData("The ceremony was on June 12.", "June 12", "2021-06-12")]
    [InlineData("The ceremony was on December 25th.", "December 25th", "2021-12-25")]
    [InlineData("The ceremony was on Feb 29.", "Feb 29", "2020-02-29")]
    public void ResolvesDayWithoutYearToMostRecentOnOrBeforePublication(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Day);
    }

    [Theory]
    [InlineData("Pakistan and Azerbaijan celebrated the 30th anniversary of their relations.")]
    [InlineData("Armenia's control over the lands for almost 30 years.")]
    [InlineData("diplomatik münasibətlərin qurulmasının 30-cu ildönümü ilə bağlı tədbirlər keçirilib")]
    [InlineData("The trade turnover was 7.3 million USD.")]
    [InlineData("Both nations want to increase trade in the next five years.")]
    [InlineData("Baku is interested in the JF-17 Thunder fighter jet.")]
    [InlineData("Baku is interested in the JF-2017 Thunder fighter jet.")]
    [InlineData("Pakistan has trained almost a hundred military units.")]
    [InlineData("Growth was 2.5 percent.")]
    [InlineData("Azerbaijan may send Pakistan oil.")]
    [InlineData("May God bless both nations.")]
    [InlineData("Students march through Baku.")]
    [InlineData("These 30 may help the talks.")]
    [InlineData("Troops march 12 miles a day.")]
    [InlineData("The 2nd and 3rd battalions arrived.")]
    [InlineData("Call +92 51 2018 5566 for details.")]
    [InlineData("Call 0300-2018-556 for details.")]
    [InlineData("See https://t.co/bNge6qQ65X now.")]
    [InlineData("See https://example.com/news/2018/june-10 now.")]
    [InlineData("See t.co/2018x now.")]
    [InlineData("The pipeline is 2018 km long.")]
    [InlineData("Trade grew 2018% on paper.")]
    [InlineData("They sent 2000 troops.")]
    [InlineData("The budget was USD 2000.")]
    [InlineData("A reading of 2018.5 was recorded.")]
    [InlineData("Tag #2018 trended.")]
    [InlineData("Order 12,2018 units.")]
    [InlineData("Model 20181 failed.")]
    [InlineData("The score was 1850 to 1700.")]
    [InlineData("The 2018-19 season.")]
    [InlineData("The 2018/19 budget.")]
    [InlineData("The FY2018 budget.")]
    [InlineData("Founded in 1850.")]
    [InlineData("Over 2,000 people came.")]
    [InlineData("The sun rises; we wed soon.")]
    [InlineData("Over the past decades trade grew.")]
    [InlineData("They will meet next Friday.")]
    [InlineData("They meet on Fridays.")]
    [InlineData("The mayor met the president.")]
    [InlineData("February 30, 2022 does not exist.")]
    [InlineData("")]
    public void IgnoresNumbersAndWordsThatAreNotDates(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published));
    }

    [Fact]
    public void AMonthAloneAfterAPrepositionIsTheMostRecentSuchMonth()
    {
        // Once ignored; a writer's "in June" names a month, and with no earlier date it is the latest June by publication.
        var mention = Single("Relations were established in June.");

        Assert.Equal("June", mention.Text);
        Assert.Equal("2022-06", mention.Date.Iso);
    }

    [Fact]
    public void ReturnsMentionsInOrderWithoutOverlapLongestFirst()
    {
        const string text = "In 1998 it ended; on December 12, 1991 it began; in the second half of 2018 it grew.";

        var mentions = DateRecognizer.Recognize(text, Published);

        Assert.Equal(["1998", "December 12, 1991", "the second half of 2018"], mentions.Select(m => m.Text));
        Assert.Equal(["1998", "1991-12-12", "2018"], mentions.Select(m => m.Date.Iso));
        Assert.All(mentions, m => Assert.Equal(m.Text, text.Substring(m.Start, m.Length)));
        Assert.Equal(mentions.OrderBy(m => m.Start), mentions);
    }

    [Fact]
    public void RecognizesYearsOnBothSidesOfAnEnDashRange()
    {
        var mentions = DateRecognizer.Recognize("The plan covers 2018–2020.", Published);

        Assert.Equal(["2018", "2020"], mentions.Select(m => m.Text));
    }

    [Fact]
    public void RelativeExpressionsFollowTheReferenceDate()
    {
        var reference = new DateOnly(2031, 1, 1); // a Wednesday

        var mentions = DateRecognizer.Recognize("On Friday, yesterday, on May 30th, in the previous decade", reference);

        Assert.Equal(
            ["2030-12-27", "2030-12-31", "2030-05-30", "2020s"],
            mentions.Select(m => m.Date.Iso));
    }

    [Fact]
    public void RejectsNullText()
    {
        Assert.Throws<ArgumentNullException>(() => DateRecognizer.Recognize(null!, Published));
    }
}
