using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>
/// The public API across the parts: order and overlap of mentions, the reference date, null. Each part has its own
/// file: AbsoluteDateTests, RelativeDateTests, RangeDateTests and NotADateTests.
/// </summary>
public class DateRecognizerTests
{
    /// <summary>Publication date of the TDI article: Saturday 11 June 2022.</summary>
    private static readonly DateOnly Published = new(2022, 6, 11);

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
