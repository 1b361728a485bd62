using PakAzBot.Core.Dates;
using static PakAzBot.Tests.Dates.DateAssert;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// Ranges (DateRecognizer.Ranges.cs): half-years, decades and vague parts of a year, each kept at the nearest
/// precision that contains it; two dates joined as a range are two mentions.
/// </summary>
public class RangeDateTests
{
    [Theory]
    [InlineData("7.3 million USD in the second half of 2018.", "the second half of 2018", 2)]
    [InlineData("Trade fell in the first half of 2018.", "the first half of 2018", 1)]
    [InlineData("Trade fell in first half of 2018.", "first half of 2018", 1)]
    [InlineData("Trade fell in H2 2018.", "H2 2018", 2)]
    [InlineData("trade fell in h1 2018.", "h1 2018", 1)]
    [InlineData("Trade fell in H1 of 2018.", "H1 of 2018", 1)]
    [InlineData("Trade fell in the 2nd half of 2018.", "the 2nd half of 2018", 2)]
    [InlineData("Trade fell in the first half of the year 2018.", "the first half of the year 2018", 1)]
    public void RecognizesHalfYears(string sentence, string text, int half)
    {
        var mention = Assert.Single(DateRecognizer.Recognize(sentence, TdiPublished));
        Assert.Equal(text, mention.Text);
        Assert.Equal(PartialDate.OfHalfYear(2018, half), mention.Date);
        Assert.Equal("2018", mention.Date.Iso);
    }

    [Theory]
    [InlineData("Ties deepened in the 1990s.", "the 1990s", "1990s")]
    [InlineData("Ties deepened in the 1990's.", "the 1990's", "1990s")]
    [InlineData("Ties deepened in the 1990’s.", "the 1990’s", "1990s")]
    [InlineData("Ties deepened in 2000s Baku.", "2000s", "2000s")]
    public void RecognizesDecades(string sentence, string text, string iso)
    {
        AssertMention(sentence, text, iso, DatePrecision.Decade);
    }

    [Theory]
    [InlineData("The film was first shown in mid-2016.", "mid-2016", "2016", "year")]
    [InlineData("The film was first shown in early 2009.", "early 2009", "2009", "year")]
    [InlineData("The film was first shown in late 1998.", "late 1998", "1998", "year")]
    [InlineData("The film was first shown in the spring of 2016.", "the spring of 2016", "2016", "year")]
    [InlineData("The film was first shown in autumn 2019.", "autumn 2019", "2019", "year")]
    [InlineData("The film was first shown in winter 2019.", "winter 2019", "2019", "year")]
    [InlineData("The film was first shown in the late autumn of 2019.", "the late autumn of 2019", "2019", "year")]
    [InlineData("Few towns had power in the mid-1990s.", "the mid-1990s", "1990s", "decade")]
    [InlineData("Few towns had power in the early 2000s.", "the early 2000s", "2000s", "decade")]
    [InlineData("Few towns had power in the nineties.", "the nineties", "1990s", "decade")]
    [InlineData("Few towns had power in the late eighties.", "the late eighties", "1980s", "decade")]
    [InlineData("Few towns had power in the '90s.", "the '90s", "1990s", "decade")]
    [InlineData("Few towns had power in the 70s.", "the 70s", "1970s", "decade")]
    [InlineData("Few towns had power in the late 1980s.", "the late 1980s", "1980s", "decade")]
    [InlineData("Few towns had power in the twenties.", "the twenties", "1920s", "decade")]
    [InlineData("Few towns had power in the noughties.", "the noughties", "2000s", "decade")]
    public void VagueDatesTakeTheNearestPrecisionThatContainsThem(string sentence, string text, string iso, string precision)
    {
        AssertOne(sentence, text, iso, precision, DateBasis.Stated);
    }

    [Fact]
    public void RecognizesYearsOnBothSidesOfAnEnDashRange()
    {
        var mentions = DateRecognizer.Recognize("The plan covers 2018–2020.", TdiPublished);

        Assert.Equal(["2018", "2020"], mentions.Select(m => m.Text));
    }

    [Fact]
    public void APeriodAndTheDateAfterItAreTwoMentions()
    {
        var mentions = DateRecognizer.Recognize("Trade fell in H2 2018 and rose in 2019.", TdiPublished);

        Assert.Equal(["H2 2018", "2019"], mentions.Select(m => m.Text));
        Assert.Equal([DatePrecision.HalfYear, DatePrecision.Year], mentions.Select(m => m.Date.Precision));
    }
}
