using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Dates as writers write them: relative to publication, relative to the dated text before them, vague, or not dates
/// at all (names, schedules). Every sentence here is made up for the test, on no particular subject.
/// </summary>
public class RelativeDateTests
{
    /// <summary>A publication date: Thursday 12 March 2015.</summary>
    private static readonly DateOnly Published = new(2015, 3, 12);

    private static DateMention Single(string sentence, PartialDate? context = null) =>
        Assert.Single(DateRecognizer.Recognize(sentence, Published, context));

    private static void AssertOne(string sentence, string text, string iso, string precision, DateBasis basis, PartialDate? context = null)
    {
        var mention = Single(sentence, context);
        Assert.Equal(text, mention.Text);
        Assert.Equal(text, sentence.Substring(mention.Start, mention.Length));
        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(precision, mention.Date.PrecisionName);
        Assert.Equal(basis, mention.Basis);
    }

    private static PartialDate Parse(string text) =>
        PartialDate.TryParse(text, out var date) ? date : throw new ArgumentException(text, nameof(text));

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

    [Theory]
    [InlineData("Exports may rise again.")]
    [InlineData("The union and may join the strike.")]
    [InlineData("Talks stalled in winter and may resume soon.")]
    [InlineData("Students march through the square.")]
    [InlineData("The parade was led by march organizers.")]
    [InlineData("March is a cold month.")]
    [InlineData("They joined the Long March.")]
    [InlineData("They celebrated in May Day rallies.")]
    [InlineData("The report was written by May-Britt Olsen.")]
    [InlineData("The theatre staged a new play in March's honour.")]
    public void AMonthThatIsNotADateIsLeftAlone(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, Parse("1961")));
    }

    [Theory]
    [InlineData("The film was first shown in mid-2016.", "mid-2016", "2016", "year")]
    [InlineData("The film was first shown in early 2009.", "early 2009", "2009", "year")]
    [InlineData("The film was first shown in late 1998.", "late 1998", "1998", "year")]
    [InlineData("The film was first shown in the spring of 2016.", "the spring of 2016", "2016", "year")]
    [InlineData("The film was first shown in autumn 2019.", "autumn 2019", "2019", "year")]
    [InlineData("Few towns had power in the mid-1990s.", "the mid-1990s", "1990s", "decade")]
    [InlineData("Few towns had power in the early 2000s.", "the early 2000s", "2000s", "decade")]
    [InlineData("Few towns had power in the nineties.", "the nineties", "1990s", "decade")]
    [InlineData("Few towns had power in the late eighties.", "the late eighties", "1980s", "decade")]
    [InlineData("Few towns had power in the '90s.", "the '90s", "1990s", "decade")]
    [InlineData("Few towns had power in the 70s.", "the 70s", "1970s", "decade")]
    public void VagueDatesTakeTheNearestPrecisionThatContainsThem(string sentence, string text, string iso, string precision)
    {
        AssertOne(sentence, text, iso, precision, DateBasis.Stated);
    }

    [Theory]
    [InlineData("The chapel has a fifteenth-century roof.")]
    [InlineData("The poet lived in the twelfth century.")]
    [InlineData("The ruins lie in today's Anatolia.")]
    [InlineData("Many people in their nineties still vote.")]
    public void CenturiesAndPresentDayPhrasesAreNotEventDates(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published));
    }

    [Theory]
    [InlineData("The Harbour Expo 2024 drew large crowds.")]
    [InlineData("Teams trained for the Northern Shield – 2021 exercise.")]
    [InlineData("Teams trained for the Desert Falcon-2019 drill.")]
    [InlineData("The city hosted the Regional Games 2017 with pride.")]
    [InlineData("The plan is called Vision 2030 by its authors.")]
    public void AYearInsideANameIsNotAnEventDate(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published));
    }

    [Theory]
    [InlineData("The Regional Games 2017, held in May 2017, drew crowds.", "May 2017")]
    [InlineData("Teams trained for the Northern Shield – 2021 exercise in October 2021.", "October 2021")]
    [InlineData("The mayor's 1996 visit was short.", "1996")]
    [InlineData("The 2005 flood ruined the harvest.", "2005")]
    [InlineData("In 2018 the Harbour Expo moved inland.", "2018")]
    [InlineData("Spring 2016 was wet.", "2016")]
    public void ADateNextToANameIsStillADate(string sentence, string text)
    {
        Assert.Equal(text, Single(sentence).Text);
    }

    [Theory]
    [InlineData("The market opens every Sunday and Wednesday.")]
    [InlineData("The market opens every Sunday, Tuesday and Friday.")]
    [InlineData("The council meets each Monday.")]
    [InlineData("The council meets every other Tuesday.")]
    [InlineData("The council meets on Fridays.")]
    [InlineData("The council meets on Saturdays and Sunday.")]
    [InlineData("The council meets weekly.")]
    [InlineData("The festival is held every year in May.")]
    [InlineData("The festival is held in May each year.")]
    [InlineData("The festival is held annually in March.")]
    [InlineData("The festival is held every May.")]
    public void AScheduleIsNotAnEventDate(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, Parse("1999")));
    }

    [Fact]
    public void AWeekdayStaysRelativeToPublicationWhateverTheContext()
    {
        AssertOne("The mayor resigned on Tuesday.", "Tuesday", "2015-03-10", "day", DateBasis.Reference, Parse("1961-04-04"));
    }
}
