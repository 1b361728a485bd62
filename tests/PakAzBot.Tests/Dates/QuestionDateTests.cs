using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>Dates in questions: the year stays unknown when the question gives none.</summary>
public class QuestionDateTests
{
    private static readonly DateOnly Today = new(2025, 11, 20);

    private static QuestionDate Single(string question) => Assert.Single(DateRecognizer.RecognizeInQuestion(question, Today));

    [Theory]
    [InlineData("what happened on 10 June", "10 June", 6, 10)]
    [InlineData("What happened on June 10th?", "June 10th", 6, 10)]
    [InlineData("anything in may?", "may", 5, null)]
    [InlineData("Who visited the city in March?", "March", 3, null)]
    public void ADayOrMonthWithoutAYearIsAskedOfAnyYear(string question, string text, int month, int? day)
    {
        var date = Single(question);

        Assert.Equal(text, date.Text);
        Assert.True(date.AnyYear);
        Assert.Null(date.Date);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
    }

    [Theory]
    [InlineData("1992", "1992", "1992", "year")]
    [InlineData("anything in March 1993?", "March 1993", "1993-03", "month")]
    [InlineData("feb 2017?", "feb 2017", "2017-02", "month")]
    [InlineData("what happened in the nineties", "the nineties", "1990s", "decade")]
    [InlineData("news from the 1990s", "the 1990s", "1990s", "decade")]
    [InlineData("2010s", "2010s", "2010s", "decade")]
    [InlineData("what happened on 12 march 1993", "12 march 1993", "1993-03-12", "day")]
    [InlineData("what happened last year", "last year", "2024", "year")]
    [InlineData("what happened mid-2016?", "mid-2016", "2016", "year")]
    public void AQuestionWithAYearGetsItsDate(string question, string text, string iso, string precision)
    {
        var date = Single(question);

        Assert.Equal(text, date.Text);
        Assert.False(date.AnyYear);
        Assert.Equal(iso, date.Date!.Iso);
        Assert.Equal(precision, date.Date.PrecisionName);
        Assert.Null(date.Month);
    }

    [Theory]
    [InlineData("what happened the following year")]
    [InlineData("and two months later?")]
    [InlineData("was anything held every year in May")]
    [InlineData("what may happen next")]
    public void AQuestionWithNothingToReferToGivesNoDate(string question)
    {
        Assert.Empty(DateRecognizer.RecognizeInQuestion(question, Today));
    }

    [Fact]
    public void ADateWithoutAYearMatchesThatDayOrMonthOfAnyYear()
    {
        var tenthOfJune = Single("what happened on 10 June");

        Assert.True(tenthOfJune.Matches(PartialDate.OfDay(1992, 6, 10)));
        Assert.True(tenthOfJune.Matches(PartialDate.OfDay(2022, 6, 10)));
        Assert.True(tenthOfJune.Matches(PartialDate.OfMonth(1992, 6)));
        Assert.False(tenthOfJune.Matches(PartialDate.OfDay(1992, 6, 11)));
        Assert.False(tenthOfJune.Matches(PartialDate.OfDay(1992, 7, 10)));
        Assert.False(tenthOfJune.Matches(PartialDate.OfYear(1992)));

        var may = Single("anything in May?");
        Assert.True(may.Matches(PartialDate.OfDay(2001, 5, 31)));
        Assert.True(may.Matches(PartialDate.OfMonth(1999, 5)));
        Assert.False(may.Matches(PartialDate.OfMonth(1999, 6)));
    }

    [Fact]
    public void ADateWithAYearMatchesWhatOverlapsIt()
    {
        var march1993 = Single("anything in March 1993?");

        Assert.True(march1993.Matches(PartialDate.OfDay(1993, 3, 12)));
        Assert.True(march1993.Matches(PartialDate.OfYear(1993)));
        Assert.True(march1993.Matches(PartialDate.OfDecade(1990)));
        Assert.False(march1993.Matches(PartialDate.OfDay(1993, 4, 30)));
    }

    [Fact]
    public void RecognizeStillGivesADocumentDateAYear()
    {
        // The document API never leaves a year unknown: "10 June" in a source is the most recent one.
        var mention = Assert.Single(DateRecognizer.Recognize("what happened on 10 June", Today));

        Assert.Equal("2025-06-10", mention.Date.Iso);
        Assert.Equal(DateBasis.Reference, mention.Basis);
    }
}
