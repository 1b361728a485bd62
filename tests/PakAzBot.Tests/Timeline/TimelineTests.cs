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

/// <summary>The dev2 corpus: the relative dates its questions ask about are on the timeline.</summary>
public sealed class Dev2TimelineTests
{
    private static readonly Lazy<Core.Knowledge.KnowledgeBase> Corpus =
        new(() => Core.Knowledge.KnowledgeLoader.Load(TestPaths.Data("dev2/corpus")));

    /// <summary>Each dev2 question tagged relative-date whose answer is an ISO date, with the passage that answers it.</summary>
    public static TheoryData<string, string, string> RelativeDateAnswers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(TestPaths.Data("dev2/dev2.jsonl")))
        {
            using var item = System.Text.Json.JsonDocument.Parse(line);
            var root = item.RootElement;
            var tags = root.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            var iso = root.TryGetProperty("answer_any", out var answers)
                ? answers.EnumerateArray().Select(a => a.GetString()!).FirstOrDefault(a => System.Text.RegularExpressions.Regex.IsMatch(a, @"^\d{4}(-\d{2}){0,2}$|^\d{4}s$"))
                : null;
            if (tags.Contains("relative-date") && iso is not null)
            {
                data.Add(root.GetProperty("id").GetString()!, root.GetProperty("passage").GetString()!, iso);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RelativeDateAnswers))]
    public void TheSentenceThatAnswersCarriesTheDate(string id, string passage, string iso)
    {
        var sentence = Corpus.Value.Passages.SelectMany(p => p.Sentences).Single(s => s.Text.Contains(passage, StringComparison.Ordinal));

        Assert.True(sentence.Dates.Any(d => d.Date.Iso == iso), $"{id}: '{sentence.Text}' has {string.Join(", ", sentence.Dates.Select(d => d.Date.Iso))}, not {iso}");
    }

    /// <summary>The relative-date questions whose answer is a figure: the year they ask about is the sentence's date.</summary>
    [Theory]
    [InlineData("d042", "Two-way trade last year came to about USD 4.2 million", "1998")]
    [InlineData("d063", "to about 22,000 visitors", "2018")]
    [InlineData("d074", "as cheaper oil squeezed", "2016")]
    [InlineData("d085", "9.1 million manat", "2016")]
    public void TheSentenceWithTheFigureCarriesTheYearAsked(string id, string passage, string iso)
    {
        TheSentenceThatAnswersCarriesTheDate(id, passage, iso);
    }

    [Fact]
    public void TheNewRelativeDatesReachTheTimeline()
    {
        var index = PakAzBot.Search.LuceneIndex.BuildInMemory(Corpus.Value);

        var entries = TimelineBuilder.Build(index);

        Assert.Contains(entries, e => e.Date.Date.Iso == "1997-10" && e.Date.Text == "two months later");
        Assert.Contains(entries, e => e.Date.Date.Iso == "1996" && e.Date.Text == "the following year");
        Assert.Contains(entries, e => e.Date.Date.Iso == "2020-10-20" && e.Date.Text == "Two days later");
        Assert.Contains(entries, e => e.Date.Date.Iso == "1999-09" && e.Date.Text == "September");
        Assert.DoesNotContain(entries, e => e.Date.Text.StartsWith("today", StringComparison.OrdinalIgnoreCase));
        Assert.True(entries.Count >= 100, $"only {entries.Count} dated statements");
    }
}
