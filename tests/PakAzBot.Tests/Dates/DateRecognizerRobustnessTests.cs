using System.Diagnostics;
using System.Text;
using PakAzBot.Core.Dates;

namespace PakAzBot.Tests.Dates;

/// <summary>Property-style checks: on any input, recognition returns well-formed mentions and never throws.</summary>
public class DateRecognizerRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "in", "on", "May", "may", "March", "the", "following", "year", "two", "months", "later", "last", "week", "ago",
        "12", "31", "29", "February", "2016", "1999", "9999", "1000", "0000", "mid-", "early", "the 1990s", "nineties",
        "every", "Sunday", "Sundays", "Expo", "–", "-", ",", ".", "?", " ", "  ", "\n", "'", "’s", "today's", "that day",
        "the day before", "999 years later", "999 months ago", "a year earlier", "spring", "of", "the previous winter",
        "\uD800", "\uDC00", "\u0000", "١٩٩٨", "https://x.co/2018", "H2", "half", "second", "is due", "until", "20 September",
    ];

    /// <summary>Contexts at the edges of what a PartialDate can hold, so that shifting them overflows.</summary>
    private static readonly PartialDate?[] Contexts =
    [
        null, PartialDate.OfYear(9999), PartialDate.OfDay(9999, 12, 31), PartialDate.OfMonth(9999, 12), PartialDate.OfYear(1000),
        PartialDate.OfDay(1000, 1, 1), PartialDate.OfDecade(9990), PartialDate.OfHalfYear(1000, 1), PartialDate.OfDay(2000, 2, 29),
    ];

    private static readonly DateOnly[] References = [DateOnly.MinValue, DateOnly.MaxValue, new(2024, 2, 29), new(1000, 1, 1), new(9999, 12, 31)];

    [Fact]
    public void RandomTextsFromDatePiecesGiveWellFormedMentions()
    {
        var random = new Random(20240229);
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 14); n > 0; n--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            }

            AssertWellFormed(text.ToString(), References[random.Next(References.Length)], Contexts[random.Next(Contexts.Length)]);
        }
    }

    [Fact]
    public void RandomCharactersGiveWellFormedMentions()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = random.Next(4) switch
                {
                    0 => (char)random.Next(0, 0x10000), // any UTF-16 unit, lone surrogates included
                    1 => (char)('0' + random.Next(10)),
                    2 => " -–,.'s"[random.Next(7)],
                    _ => (char)('a' + random.Next(26)),
                };
            }

            AssertWellFormed(new string(chars), References[random.Next(References.Length)], Contexts[random.Next(Contexts.Length)]);
        }
    }

    // Longer than any question or paragraph; a slow pattern (one that backtracks or rescans) shows up as minutes here.
    [Theory]
    [InlineData(200_000, "2018 ")]
    [InlineData(100_000, "12 May ")]
    [InlineData(100_000, "two years later ")]
    [InlineData(100_000, "Expo 2024 ")]
    [InlineData(200_000, " ")]
    [InlineData(200_000, "9")]
    [InlineData(100_000, "is due ")]
    [InlineData(100_000, "\uD800")]
    [InlineData(50_000, "every Sunday and ")]
    public void HugeRepetitiveTextsFinishQuicklyWithoutThrowing(int repeat, string piece)
    {
        var text = new StringBuilder().Insert(0, piece, repeat / piece.Length).ToString();
        var clock = Stopwatch.StartNew();

        AssertWellFormed(text, new DateOnly(2020, 1, 1), PartialDate.OfDay(1999, 12, 31));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    private static void AssertWellFormed(string text, DateOnly reference, PartialDate? context)
    {
        var mentions = DateRecognizer.Recognize(text, reference, context);
        var end = 0;
        foreach (var m in mentions)
        {
            Assert.True(m.Start >= end && m.Length > 0 && m.Start + m.Length <= text.Length, $"bad span in '{text}'");
            Assert.Equal(text.Substring(m.Start, m.Length), m.Text);
            end = m.Start + m.Length;
        }

        foreach (var q in DateRecognizer.RecognizeInQuestion(text, reference))
        {
            Assert.Equal(text.Substring(q.Start, q.Length), q.Text);
            Assert.True(q.Date is not null || q.Month is >= 1 and <= 12, $"a question date with neither year nor month in '{text}'");
        }

        _ = PartialDate.TryParse(text, out _);
    }
}
