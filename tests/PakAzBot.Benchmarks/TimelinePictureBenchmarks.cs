using System.Globalization;
using BenchmarkDotNet.Attributes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Timeline;
using PakAzBot.Drawing;

namespace PakAzBot.Benchmarks;

/// <summary>
/// The timeline picture of 100 statements over thirty years, from two documents: laid out, written as SVG, drawn
/// as PNG, against the same timeline as the API's JSON (the baseline). The bar: a PNG in under 50 ms.
/// Run: dotnet run -c Release --project tests/PakAzBot.Benchmarks -- --filter *TimelinePicture*
/// </summary>
[MemoryDiagnoser]
public class TimelinePictureBenchmarks
{
    private List<TimelineEntry> _entries = null!;

    [Params(100)]
    public int Statements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var documents = Enumerable.Range(0, 2).Select(d => new SourceDocument($"doc-{d}", $"Document {d}", "Publisher", new DateOnly(2022, 1, 1), null, "en", null, $"doc-{d}.md", [])).ToList();
        var sections = new[] { "Diplomacy", "Trade", "Defence", "Culture" };
        _entries = Enumerable.Range(0, Statements).Select(i =>
        {
            var date = PartialDate.OfDay(new DateOnly(1991, 12, 12).AddDays(i * 11000 / Statements));
            var quote = string.Create(CultureInfo.InvariantCulture, $"On {date.Label}, Pakistan and Azerbaijan signed agreement number {i} on trade and defence.");
            var passage = new Passage { DocumentId = documents[i % 2].Id, Number = i + 1, Section = sections[i % 4], Text = quote, Line = i + 1, Sentences = [] };
            return new TimelineEntry(new DateMention(3, date.Label.Length, date.Label, date), quote, new Citation(documents[i % 2], passage));
        }).ToList();
    }

    [Benchmark(Baseline = true)]
    public string Json() => JsonContract.Timeline(_entries).ToJsonString(JsonContract.Compact);

    [Benchmark]
    public TimelinePicture Layout() => TimelineLayout.Compute(_entries);

    [Benchmark]
    public string Svg() => TimelineSvg.Write(TimelineLayout.Compute(_entries), links: true);

    [Benchmark]
    public byte[] Png() => TimelinePng.Render(_entries);
}
