using PakAzBot.Core.Dates;
using PakAzBot.Core.Languages;

namespace PakAzBot.Tests.Languages;

public sealed class ReplyTextTests
{
    [Theory]
    [MemberData(nameof(EachLanguage.All), MemberType = typeof(EachLanguage))]
    public void EveryLanguageHasEveryKeyAndNoneIsEmpty(Language language)
    {
        var english = ReplyText.For(Language.English);
        var texts = ReplyText.For(language);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        Assert.All(texts.Keys, key => Assert.False(string.IsNullOrWhiteSpace(texts[key]), $"{language.Code()}: '{key}' is empty"));
        Assert.Equal(12, texts.Months.Count);
        Assert.All(texts.Months, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Theory]
    [MemberData(nameof(EachLanguage.All), MemberType = typeof(EachLanguage))]
    public void PlaceholdersAreTheEnglishOnes(Language language)
    {
        // A translation that drops or misspells {words} would show the braces, or lose the words, to the user.
        var english = ReplyText.For(Language.English);
        var texts = ReplyText.For(language);
        foreach (var key in english.Keys)
        {
            var expected = Placeholders(english[key]);
            var found = Placeholders(texts[key]);
            // Azerbaijani writes a year as an ordinal ("2018-ci ilin ...") where English writes the bare year.
            Assert.True(expected.SetEquals(found) || (key is "firstHalf" or "secondHalf" or "decade" && found.SetEquals(["ordinal"])),
                $"{language.Code()}: '{key}' has {{{string.Join("}, {", found)}}} instead of {{{string.Join("}, {", expected)}}}");
        }
    }

    [Fact]
    public void TheRepliesAreInTheirOwnScripts()
    {
        Assert.Contains(ReplyText.For(Language.Urdu).NotSure, IsArabicScript);
        Assert.DoesNotContain(ReplyText.For(Language.RomanUrdu).NotSure, IsArabicScript);
        Assert.NotEqual(ReplyText.For(Language.English).NotSure, ReplyText.For(Language.RomanUrdu).NotSure);
        Assert.Contains(ReplyText.For(Language.Azerbaijani).EventDate + ReplyText.For(Language.Azerbaijani).Source, c => "əğıöşçü".Contains(c));
    }

    [Theory]
    [InlineData(Language.English, "12 December 1991")]
    [InlineData(Language.RomanUrdu, "12 December 1991")]
    [InlineData(Language.Urdu, "12 دسمبر 1991")]
    [InlineData(Language.Azerbaijani, "12 dekabr 1991")]
    public void DaysAreWrittenAsPeopleThereWriteThem(Language language, string expected) =>
        Assert.Equal(expected, ReplyText.For(language).Date(PartialDate.OfDay(1991, 12, 12)));

    [Theory]
    [InlineData(Language.English, "June 1992")]
    [InlineData(Language.Urdu, "جون 1992")]
    [InlineData(Language.Azerbaijani, "iyun 1992")]
    public void MonthsToo(Language language, string expected) =>
        Assert.Equal(expected, ReplyText.For(language).Date(PartialDate.OfMonth(1992, 6)));

    [Fact]
    public void EveryMonthHasItsOwnName()
    {
        foreach (var language in LanguageCodes.All)
        {
            var names = Enumerable.Range(1, 12).Select(m => ReplyText.For(language).Date(PartialDate.OfMonth(2000, m))).ToList();
            Assert.Equal(12, names.Distinct().Count());
        }

        Assert.Equal("2 ستمبر 2020", ReplyText.For(Language.Urdu).Date(PartialDate.OfDay(2020, 9, 2)));
        Assert.Equal("avqust 2020", ReplyText.For(Language.Azerbaijani).Date(PartialDate.OfMonth(2020, 8)));
    }

    [Fact]
    public void YearsHalfYearsAndDecadesKeepEnglishLabelsInEnglishAndRomanUrdu()
    {
        PartialDate[] dates = [PartialDate.OfYear(1998), PartialDate.OfHalfYear(2018, 1), PartialDate.OfHalfYear(2018, 2), PartialDate.OfDecade(2015)];
        foreach (var date in dates)
        {
            Assert.Equal(date.Label, ReplyText.For(Language.English).Date(date));
            Assert.Equal(date.Label, ReplyText.For(Language.RomanUrdu).Date(date));
        }
    }

    [Fact]
    public void HalfYearsAndDecadesInUrduAndAzerbaijani()
    {
        var urdu = ReplyText.For(Language.Urdu);
        var azerbaijani = ReplyText.For(Language.Azerbaijani);

        Assert.Equal("1998", urdu.Date(PartialDate.OfYear(1998)));
        Assert.Equal("1998", azerbaijani.Date(PartialDate.OfYear(1998)));
        Assert.Equal("2018 کی پہلی ششماہی", urdu.Date(PartialDate.OfHalfYear(2018, 1)));
        Assert.Equal("2018 کی دوسری ششماہی", urdu.Date(PartialDate.OfHalfYear(2018, 2)));
        Assert.Equal("2010 کی دہائی", urdu.Date(PartialDate.OfDecade(2015)));
        Assert.Equal("2018-ci ilin birinci yarısı", azerbaijani.Date(PartialDate.OfHalfYear(2018, 1)));
        Assert.Equal("2016-cı ilin ikinci yarısı", azerbaijani.Date(PartialDate.OfHalfYear(2016, 2)));
        Assert.Equal("2010-cu illər", azerbaijani.Date(PartialDate.OfDecade(2010)));
        Assert.Equal("1990-cı illər", azerbaijani.Date(PartialDate.OfDecade(1990)));
    }

    [Theory]
    [InlineData(1991, "ci")]
    [InlineData(1992, "ci")]
    [InlineData(2023, "cü")]
    [InlineData(2024, "cü")]
    [InlineData(2005, "ci")]
    [InlineData(2016, "cı")]
    [InlineData(2017, "ci")]
    [InlineData(2018, "ci")]
    [InlineData(2009, "cu")]
    [InlineData(2010, "cu")]
    [InlineData(2020, "ci")]
    [InlineData(1930, "cu")]
    [InlineData(1940, "cı")]
    [InlineData(1950, "ci")]
    [InlineData(1960, "cı")]
    [InlineData(1970, "ci")]
    [InlineData(1980, "ci")]
    [InlineData(1990, "cı")]
    [InlineData(1900, "cü")]
    [InlineData(2000, "ci")]
    public void AzerbaijaniOrdinalsFollowTheLastSpokenWord(int year, string suffix) =>
        Assert.Equal(suffix, ReplyText.AzerbaijaniOrdinalSuffix(year));

    [Fact]
    public void UnknownWordsAreQuotedAndJoinedWithTheLanguagesOwnOr()
    {
        Assert.Equal("They do not mention “France” or “Paris”.", ReplyText.For(Language.English).NotMentioned(["France", "Paris"]));
        var azerbaijani = ReplyText.For(Language.Azerbaijani).NotMentioned(["France", "Paris", "Lyon"]);
        Assert.Contains($"“Paris” {ReplyText.For(Language.Azerbaijani)["or"]} “Lyon”", azerbaijani, StringComparison.Ordinal);
        Assert.StartsWith("“France”, “Paris”", azerbaijani[azerbaijani.IndexOf('“', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private static bool IsArabicScript(char c) => c is >= '\u0600' and <= '\u06FF';

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{([a-z]+)\}").Select(m => m.Groups[1].Value)];
}
