using PakAzBot.Core.Dates;
using static PakAzBot.Tests.Dates.DateAssert;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Absolute dates (DateRecognizer.Absolute.cs): a day, month or year named on the calendar, and a day or month named
/// without its year, which takes the year of the nearest dated text or else the publication date.
/// </summary>
public class AbsoluteDateTests
{
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

    [Fact]
    public void AMonthAloneAfterAPrepositionIsTheMostRecentSuchMonth()
    {
        // Once ignored; a writer's "in June" names a month, and with no earlier date it is the latest June by publication.
        var mention = Assert.Single(DateRecognizer.Recognize("Relations were established in June.", TdiPublished));

        Assert.Equal("June", mention.Text);
        Assert.Equal("2022-06", mention.Date.Iso);
    }

    [Fact]
    public void ALowercaseMonthBetweenADayAndAYearIsStillTheMonth()
    {
        AssertMention("Protesters march 30 may 2022.", "30 may 2022", "2022-05-30", DatePrecision.Day);
    }

    [Theory]
    [InlineData("On Feb 30 nothing happened.")]
    [InlineData("It was on 31 April.")]
    public void AnImpossibleDayWithoutAYearIsNoDate(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, TdiPublished));
    }

    [Theory]
    [InlineData("The lease runs from 1 June 1988 until 20 September.", "20 September", "1988-09-20", DateBasis.Context)]
    [InlineData("The harvest ended on 5 March.", "5 March", "2015-03-05", DateBasis.Reference)]
    [InlineData("The harvest ended on 20 September.", "20 September", "2014-09-20", DateBasis.Reference)]
    [InlineData("The harvest ended on September 20th.", "September 20th", "2014-09-20", DateBasis.Reference)]
    [InlineData("The exhibition runs until 20 September.", "20 September", "2015-09-20", DateBasis.Reference)]
    [InlineData("The vote is due on 2 March.", "2 March", "2016-03-02", DateBasis.Reference)]
    public void ADayWithoutAYearTakesTheYearOfTheNearestDatedText(string sentence, string text, string iso, DateBasis basis)
    {
        var mention = DateRecognizer.Recognize(sentence, Published).Last();

        Assert.Equal(text, mention.Text);
        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(basis, mention.Basis);
    }

    [Fact]
    public void ADayWithoutAYearTakesTheYearOfThePreviousSentences()
    {
        // "The lease started in 1988." came before; its year carries over.
        AssertOne("The lease ended on 20 September.", "20 September", "1988-09-20", "day", DateBasis.Context, Parse("1988-02"));
    }

    [Theory]
    [InlineData("The dam was finished in May.", null, "May", "2014-05", DateBasis.Reference)]
    [InlineData("The dam was finished in March.", null, "March", "2015-03", DateBasis.Reference)]
    [InlineData("The dam was finished by March.", null, "March", "2015-03", DateBasis.Reference)]
    [InlineData("The dam was finished by the end of May.", null, "May", "2014-05", DateBasis.Reference)]
    [InlineData("The dam was finished in mid-May.", null, "May", "2014-05", DateBasis.Reference)]
    [InlineData("the dam was finished in may", null, "may", "2014-05", DateBasis.Reference)]
    [InlineData("The dam was finished in June.", "1961", "June", "1961-06", DateBasis.Context)]
    [InlineData("The dam was finished until June.", "1961-08-12", "June", "1961-06", DateBasis.Context)]
    [InlineData("The dam was finished in May of the following year.", "1961-08-12", "May of the following year", "1962-05", DateBasis.Context)]
    [InlineData("The dam was finished in May of that year.", "1961-08-12", "May of that year", "1961-05", DateBasis.Context)]
    [InlineData("The dam was finished in May of last year.", "1961-08-12", "May of last year", "2014-05", DateBasis.Reference)]
    [InlineData("The next inspection is due in September.", "1961", "September", "2015-09", DateBasis.Reference)]
    [InlineData("The second round takes place in March next year.", "1961", "March next year", "2016-03", DateBasis.Reference)]
    [InlineData("In May Lisbon hosted the meeting.", null, "May", "2014-05", DateBasis.Reference)]
    public void AMonthAloneAfterAPrepositionIsADate(string sentence, string? context, string text, string iso, DateBasis basis)
    {
        AssertOne(sentence, text, iso, "month", basis, context is null ? null : Parse(context));
    }

    [Theory]
    [InlineData("Both sides meet in March or April.", "March|April", "1961-03|1961-04")]
    [InlineData("From March to May the roads were closed.", "March|May", "1961-03|1961-05")]
    [InlineData("Crops were sown in May and June.", "May|June", "1961-05|1961-06")]
    public void AMonthAfterAnotherMonthAndAConjunctionIsADateToo(string sentence, string texts, string isos)
    {
        var mentions = DateRecognizer.Recognize(sentence, Published, Parse("1961"));

        Assert.Equal(texts.Split('|'), mentions.Select(m => m.Text));
        Assert.Equal(isos.Split('|'), mentions.Select(m => m.Date.Iso));
    }
}
