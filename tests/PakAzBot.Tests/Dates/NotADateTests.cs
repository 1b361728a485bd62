using PakAzBot.Core.Dates;
using static PakAzBot.Tests.Dates.DateAssert;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Names and words that are not dates (DateRecognizer.NotDates.cs): links, a year inside a name, schedules, the verbs
/// "may" and "march", and numbers that are counts or codes rather than years.
/// </summary>
public class NotADateTests
{
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
        Assert.Empty(DateRecognizer.Recognize(sentence, TdiPublished));
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
    [InlineData("Azerbaijan may march on.")]
    [InlineData("They may 12 times try.")]
    [InlineData("On 30 march the talks resumed.")]
    [InlineData("The May Revolution was celebrated.")]
    public void AMonthThatIsNotADateIsLeftAlone(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, Parse("1961")));
    }

    [Theory]
    [InlineData("since may the talks stalled.", "may", "2015-05")]
    [InlineData("the talks stalled in march", "march", "2015-03")]
    public void ALowercaseMayOrMarchAfterAStrongPrepositionIsTheMonth(string sentence, string text, string iso)
    {
        AssertOne(sentence, text, iso, "month", DateBasis.Context, Parse("2015-01-20"));
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
    [InlineData("The Indus Shield – 2021 exercise ended.")]
    [InlineData("The Solidarity Games 2017 ended.")]
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
    [InlineData("Markets open each Monday and Thursday.")]
    [InlineData("The fair is held yearly in June.")]
    public void AScheduleIsNotAnEventDate(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published, Parse("1999")));
    }

    [Theory]
    [InlineData("See www.example.org/2019 for details.")]
    [InlineData("Read pic.twitter.com/x2018 now.")]
    [InlineData("See https://example.com/May-30-2019 now.")]
    public void NothingInsideALinkIsADate(string sentence)
    {
        Assert.Empty(DateRecognizer.Recognize(sentence, Published));
    }
}
