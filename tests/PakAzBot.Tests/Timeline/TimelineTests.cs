using PakAzBot.Core.Dates;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Tests.Timeline;

public sealed class TimelineTests
{
    [Fact]
    public void ListsEveryDatedStatementOldestFirst()
    {
        var entries = TimelineBuilder.Build(Seed.Index);

        Assert.Equal(
            ["1991-12-12", "1992-06", "1995-10", "1998", "2010s", "2012-02-01", "2014-02", "2017-02", "2018", "2018", "2020", "2021-09-12", "2022-05-30", "2022-06-10", "2022-06-10"],
            entries.Select(e => e.Date.Date.Iso));
        Assert.Equal("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", entries[0].Quote);
        Assert.Equal(7, entries[0].Citation.Passage.Number);
        Assert.Equal(entries.Select(e => e.Date.Date).Order(), entries.Select(e => e.Date.Date));
    }

    [Fact]
    public void KeepsTheSecondHalfOf2018ApartFromTheYear()
    {
        var entries = TimelineBuilder.Build(Seed.Index).Where(e => e.Date.Date.Year == 2018).ToList();

        Assert.Contains(entries, e => e.Date.Date.Precision == DatePrecision.HalfYear && e.Quote.Contains("7.3 million", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Date.Date.Precision == DatePrecision.Year && e.Quote.Contains("JF-17", StringComparison.Ordinal));
    }

    [Fact]
    public void FiltersByAnInclusiveRangeOfPartialDates()
    {
        PartialDate.TryParse("1995", out var from);
        PartialDate.TryParse("2014-02", out var to);

        var entries = TimelineBuilder.Build(Seed.Index, new TimelineFilter(from, to));

        Assert.Equal(["1995-10", "1998", "2010s", "2012-02-01", "2014-02"], entries.Select(e => e.Date.Date.Iso));
    }

    [Fact]
    public void FiltersByTopicWithSynonyms()
    {
        var entries = TimelineBuilder.Build(Seed.Index, new TimelineFilter(Topic: "defence"));

        Assert.Equal(["2010s", "2014-02", "2018", "2021-09-12"], entries.Select(e => e.Date.Date.Iso));
    }

    [Fact]
    public void ATopicTheSourcesNeverMentionGivesNothing()
    {
        Assert.Empty(TimelineBuilder.Build(Seed.Index, new TimelineFilter(Topic: "cricket")));
    }
}
