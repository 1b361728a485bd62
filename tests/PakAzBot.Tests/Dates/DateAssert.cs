using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>The publication dates and assertions that the date recognizer's test files share.</summary>
internal static class DateAssert
{
    /// <summary>Publication date of the TDI article: Saturday 11 June 2022.</summary>
    public static readonly DateOnly TdiPublished = new(2022, 6, 11);

    /// <summary>A made-up publication date: Thursday 12 March 2015.</summary>
    public static readonly DateOnly Published = new(2015, 3, 12);

    public static PartialDate Parse(string text) =>
        PartialDate.TryParse(text, out var date) ? date : throw new ArgumentException(text, nameof(text));

    /// <summary>The one date of <paramref name="sentence"/>, published on <see cref="Published"/> after <paramref name="context"/>.</summary>
    public static DateMention Single(string sentence, PartialDate? context = null) =>
        Assert.Single(DateRecognizer.Recognize(sentence, Published, context));

    /// <summary>The sentence, published with the TDI article, has exactly this one date.</summary>
    public static void AssertMention(string sentence, string expectedText, string iso, DatePrecision precision)
    {
        var mention = Assert.Single(DateRecognizer.Recognize(sentence, TdiPublished));
        Assert.Equal(expectedText, mention.Text);
        Assert.Equal(expectedText, sentence.Substring(mention.Start, mention.Length));
        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(precision, mention.Date.Precision);
    }

    /// <summary>The sentence, published on <see cref="Published"/> after <paramref name="context"/>, has exactly this one date.</summary>
    public static void AssertOne(string sentence, string text, string iso, string precision, DateBasis basis, PartialDate? context = null)
    {
        var mention = Single(sentence, context);
        Assert.Equal(text, mention.Text);
        Assert.Equal(text, sentence.Substring(mention.Start, mention.Length));
        Assert.Equal(iso, mention.Date.Iso);
        Assert.Equal(precision, mention.Date.PrecisionName);
        Assert.Equal(basis, mention.Basis);
    }
}
