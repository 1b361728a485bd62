using System.Xml.Linq;
using PakAzBot.Core.Timeline;
using PakAzBot.Drawing;
using SkiaSharp;

namespace PakAzBot.Tests.Timeline;

/// <summary>The timeline picture: its layout without drawing, then the SVG and the PNG drawn from it.</summary>
public sealed class TimelinePictureTests
{
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var count in new[] { 1, 10, 200, 500 })
        {
            foreach (var days in new[] { 0, 1, 200, 366 * 5, 366 * 40 })
            {
                data.Add(count, days);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void NoTwoLabelsOverlapAndEveryStatementHasOneMark(int count, int days)
    {
        var first = new DateOnly(1991, 12, 12);
        var entries = TimelineFixtures.Entries(count, first, first.AddDays(days), documents: 3);
        var picture = TimelineLayout.Compute(entries);

        Assert.Equal(Enumerable.Range(0, count), picture.Marks.Select(m => m.Entry).Order());
        Assert.NotEmpty(picture.Labels);
        var boxes = picture.Labels.Select(l => l.Text.Box).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].Overlaps(boxes[j]), $"labels {picture.Labels[i].Text.Text} and {picture.Labels[j].Text.Text} overlap");
            }
        }

        // Every text fits the picture, and nothing a label covers is a tick label, a mark or the legend.
        var whole = new Box(0, 0, picture.Width, picture.Height);
        var texts = picture.Labels.Select(l => l.Text).Concat(picture.Ticks.Select(t => t.Label)).Concat(picture.Legend.Select(l => l.Label)).Append(picture.Title);
        Assert.All(texts, t => Assert.True(whole.Contains(t.Box), $"'{t.Text}' at {t.Box} is outside the {picture.Width}×{picture.Height} picture"));
        Assert.All(picture.Marks, m => Assert.DoesNotContain(boxes, b => b.Overlaps(new Box(m.X - m.Radius, m.Y - m.Radius, 2 * m.Radius, 2 * m.Radius))));
        Assert.All(picture.Ticks, t => Assert.DoesNotContain(boxes, b => b.Overlaps(t.Label.Box)));

        // Thinning: every statement is either labelled or counted in the "+N more" note.
        Assert.Equal(count, picture.Labels.Count + picture.Unlabelled);
        Assert.Equal(picture.Unlabelled > 0, picture.More is not null);
        if (picture.More is { } more)
        {
            Assert.StartsWith($"+{picture.Unlabelled} more", more.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 1991, 1992, 1)]
    [InlineData(200, 1991, 1992, 1)]
    [InlineData(366 * 3, 1991, 1995, 1)]
    [InlineData(366 * 40, 1991, 2032, 2)]
    public void YearTicksStayInRangeApartAndLabelTheFirstAndLastYears(int days, int firstYear, int lastYear, int step)
    {
        var first = new DateOnly(firstYear, 6, 1);
        var picture = TimelineLayout.Compute(TimelineFixtures.Entries(20, first, first.AddDays(days)));

        Assert.Equal(firstYear, picture.Ticks[0].Year);
        Assert.Equal(lastYear, picture.Ticks[^1].Year);
        Assert.Equal(picture.AxisLeft, picture.Ticks[0].X);
        Assert.Equal(picture.AxisRight, picture.Ticks[^1].X);
        Assert.All(picture.Ticks, t => Assert.InRange(t.X, picture.AxisLeft, picture.AxisRight));
        Assert.All(picture.Ticks.Zip(picture.Ticks.Skip(1)), p => Assert.True(p.First.Label.Box.Right < p.Second.Label.Box.X, $"tick labels {p.First.Year} and {p.Second.Year} touch"));
        Assert.All(picture.Ticks.Skip(1).SkipLast(1), t => Assert.Equal(0, t.Year % step));
        Assert.All(picture.Marks, m => Assert.InRange(m.X, picture.AxisLeft, picture.AxisRight));
    }

    [Fact]
    public void ManyStatementsOnOneDayAreThinnedWithANote()
    {
        var day = new DateOnly(2021, 9, 12);
        var picture = TimelineLayout.Compute(TimelineFixtures.Entries(50, day, day), new TimelinePictureOptions(MaxLanes: 4));

        Assert.Equal("Timeline · 50 dated statements, 2021", picture.Title.Text);
        Assert.Equal(4, picture.Labels.Count);
        Assert.Equal(46, picture.Unlabelled);
        Assert.Equal("+46 more statements marked but not labelled (every statement is in the list)", picture.More!.Text);
        Assert.Equal(50, picture.Marks.Count);
    }

    [Fact]
    public void StatementsWhoseSourcesDifferGetADiamondALegendEntryAndALabelFirst()
    {
        var entries = TimelineFixtures.Entries(40, new DateOnly(1992, 6, 1), new DateOnly(1992, 6, 30), documents: 2);
        entries[37] = entries[37] with { Group = 1, Differs = true };
        entries[38] = entries[38] with { Group = 1, Differs = true };
        var picture = TimelineLayout.Compute(entries, new TimelinePictureOptions(MaxLanes: 2));

        Assert.Equal([37, 38], picture.Marks.Where(m => m.Differs).Select(m => m.Entry));
        Assert.Contains(picture.Labels, l => l.Entry == 37);
        Assert.Contains(picture.Labels, l => l.Entry == 38);
        var differs = Assert.Single(picture.Legend, l => l.Differs);
        Assert.Equal("Sources differ on the date", differs.Label.Text);
        Assert.Contains("(sources differ)", picture.Marks[37].Title, StringComparison.Ordinal);

        var svg = XDocument.Parse(TimelineSvg.Write(picture, links: true));
        Assert.Equal(3, svg.Descendants().Count(e => e.Attribute("class")?.Value == "differs"));
        Assert.DoesNotContain(TimelineLayout.Compute(entries.Select(e => e with { Differs = false }).ToList()).Legend, l => l.Differs);
    }

    [Fact]
    public void ColoursFollowDocumentsWhenThereAreSeveralAndSectionsWhenThereIsOne()
    {
        var several = TimelineLayout.Compute(TimelineFixtures.Entries(12, new DateOnly(2000, 1, 1), new DateOnly(2010, 1, 1), documents: 3));
        var one = TimelineLayout.Compute(TimelineFixtures.Entries(12, new DateOnly(2000, 1, 1), new DateOnly(2010, 1, 1), documents: 1));

        Assert.Equal(["Document number 0 about relations", "Document number 1 about relations", "Document number 2 about relations"], several.Legend.Select(l => l.Label.Text));
        Assert.Equal(["Diplomacy", "Trade", "Defence", "Culture", "Energy"], one.Legend.Select(l => l.Label.Text));
        Assert.Equal([0, 1, 2, 3, 4, 0], one.Marks.Take(6).Select(m => m.Colour));
    }

    [Fact]
    public void TheSvgIsWellFormedWithOneTitledLinkPerStatement()
    {
        var entries = TimelineFixtures.Entries(30, new DateOnly(1991, 1, 1), new DateOnly(2022, 1, 1));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var linked = XDocument.Parse(TimelineSvg.Write(TimelineLayout.Compute(entries), links: true)).Root!;
        var plain = XDocument.Parse(TimelineSvg.Write(TimelineLayout.Compute(entries), links: false)).Root!;

        var links = linked.Descendants(ns + "a").ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => "#timeline-entry-" + i), links.Select(a => a.Attribute("href")!.Value).Order(StringComparer.Ordinal).OrderBy(h => h.Length));
        Assert.All(links, a => Assert.StartsWith(entries[int.Parse(a.Attribute("data-entry")!.Value, System.Globalization.CultureInfo.InvariantCulture)].Date.Date.Label, a.Element(ns + "title")!.Value, StringComparison.Ordinal));
        Assert.Equal("group", linked.Attribute("role")!.Value);
        Assert.Equal("img", plain.Attribute("role")!.Value);
        Assert.Empty(plain.Descendants(ns + "a"));
        Assert.StartsWith("Timeline · 30 dated statements, 1991–2022", plain.Attribute("aria-label")!.Value, StringComparison.Ordinal);
        Assert.NotNull(plain.Attribute("viewBox"));
    }

    [Fact]
    public void TheWidthTableMatchesTheEmbeddedFont()
    {
        using var font = new SKFont(TimelinePng.Typeface, TextWidths.UnitsPerEm);
        var known = TextWidths.Known.ToList();
        Assert.True(known.Count > 300);
        Assert.All(known, c => Assert.Equal(TextWidths.Units(c), font.MeasureText(c.ToString()), 0.6f));
        Assert.Equal(font.MeasureText("12 Dec 1991 Pakistan recognized…") * 12 / TextWidths.UnitsPerEm, TextWidths.Measure("12 Dec 1991 Pakistan recognized…", 12), 0.05f);
    }

    [Fact]
    public void ThePngDecodesToAPictureWithTheFirstAndLastYearsDrawnUnderTheirTicks()
    {
        var entries = TimelineFixtures.Entries(100, new DateOnly(1991, 12, 12), new DateOnly(2022, 6, 11), documents: 2);
        var picture = TimelineLayout.Compute(entries);
        var png = TimelinePng.Render(picture);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((int)picture.Width, bitmap.Width);
        Assert.Equal((int)MathF.Ceiling(picture.Height), bitmap.Height);
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 50, $"only {colours.Count} colours: the picture is nearly blank");
        foreach (var tick in new[] { picture.Ticks[0], picture.Ticks[^1] })
        {
            Assert.True(DarkPixels(bitmap, tick.Label.Box) >= 20, $"the year {tick.Year} is not drawn in its box {tick.Label.Box}");
        }

        // And where no text is, no ink: the empty band between the axis labels and the legend.
        var below = picture.Ticks[0].Label.Box;
        Assert.Equal(0, DarkPixels(bitmap, below with { Y = below.Bottom + 1, Height = 3 }));

        // The same picture twice is the same bytes: nothing in it depends on the machine's fonts or the time.
        Assert.Equal(png, TimelinePng.Render(TimelineLayout.Compute(entries)));
    }

    [Fact]
    public void AnEmptyTimelineStillDrawsAPicture()
    {
        var picture = TimelineLayout.Compute([]);
        Assert.Empty(picture.Marks);
        Assert.Equal("Timeline · no dated statements match", picture.Title.Text);
        using var bitmap = SKBitmap.Decode(TimelinePng.Render(picture));
        Assert.True(bitmap.Width > 0 && DarkPixels(bitmap, picture.Title.Box) > 20);
    }

    [Fact]
    public void TheCommandLineDrawsBothPicturesAndTheReadmesPictureIsCurrent()
    {
        using var folder = new TempFolder();
        var (png, svg) = (Path.Combine(folder.Path, "t.png"), Path.Combine(folder.Path, "t.svg"));
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PakAzBot.Cli.Run(["--knowledge", TestPaths.Knowledge, "timeline", "--png", png, "--svg", svg], TextReader.Null, output, error);

        Assert.True(code == 0, error.ToString());
        Assert.Contains("as PNG to " + png, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        Assert.True(File.ReadAllText(svg) == File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "timeline.svg")),
            "docs/timeline.svg is not the seed timeline as drawn now: pakazbot timeline --svg docs/timeline.svg");
        Assert.Equal(1, PakAzBot.Cli.Run(["--knowledge", TestPaths.Knowledge, "timeline", "--png", Path.Combine(folder.Path, "no-such-folder", "t.png")], TextReader.Null, output, error));
        Assert.Contains("cannot write", error.ToString(), StringComparison.Ordinal);
    }

    private static int DarkPixels(SKBitmap bitmap, Box box)
    {
        var dark = 0;
        for (var y = (int)box.Y; y < Math.Min(bitmap.Height, (int)MathF.Ceiling(box.Bottom)); y++)
        {
            for (var x = (int)box.X; x < Math.Min(bitmap.Width, (int)MathF.Ceiling(box.Right)); x++)
            {
                var p = bitmap.GetPixel(x, y);
                dark += p.Red + p.Green + p.Blue < 300 ? 1 : 0;
            }
        }

        return dark;
    }
}
