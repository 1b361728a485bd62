using System.Globalization;
using PakAzBot.Core.Dates;

namespace PakAzBot.Core.Timeline;

/// <summary>A rectangle in picture units (pixels at scale 1), y downwards.</summary>
public readonly record struct Box(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    /// <summary>True when the two boxes share more than an edge.</summary>
    public bool Overlaps(Box other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(Box other) => other.X >= X && other.Right <= Right && other.Y >= Y && other.Bottom <= Bottom;
}

/// <summary>A text and where it goes: its box, and the baseline its left end is drawn on.</summary>
public sealed record PictureText(string Text, Box Box, float X, float Baseline, float Size);

/// <summary>One statement's mark: a dot on the axis (a diamond when its sources differ), and what it says.</summary>
public sealed record PictureMark(int Entry, float X, float Y, float Radius, int Colour, bool Differs, string Title);

/// <summary>A statement's short label in its lane, with the leader line from the label down to the mark.</summary>
public sealed record PictureLabel(int Entry, int Lane, PictureText Text, float LeaderX, float LeaderTop, float LeaderBottom, int Colour);

/// <summary>A year on the axis: the tick at <see cref="X"/> (1 January of <see cref="Year"/>) and its label below.</summary>
public sealed record PictureTick(int Year, float X, PictureText Label);

/// <summary>A legend entry: a colour's group (or, with <see cref="Differs"/>, the "sources differ" marker).</summary>
public sealed record LegendItem(Box Swatch, PictureText Label, int Colour, bool Differs);

/// <summary>How big and how dense to draw the timeline.</summary>
/// <param name="Width">The picture's width in pixels at scale 1.</param>
/// <param name="MaxLanes">At most this many rows of labels; labels that find no room are counted in the "+N more" note.</param>
/// <param name="FontSize">The labels' font size in pixels.</param>
/// <param name="Title">The heading; by default "Timeline · N dated statements, first–last".</param>
public sealed record TimelinePictureOptions(float Width = 960, int MaxLanes = 8, float FontSize = 12, string? Title = null)
{
    public const float MinWidth = 320;
    public const float MaxWidth = 4000;
}

/// <summary>
/// Everything needed to draw a timeline, already placed: the SVG writer (<see cref="TimelineSvg"/>) and the PNG
/// renderer (PakAzBot.Drawing) only draw it. Made by <see cref="TimelineLayout.Compute"/>.
/// </summary>
public sealed record TimelinePicture(
    float Width,
    float Height,
    PictureText Title,
    float AxisY,
    float AxisLeft,
    float AxisRight,
    IReadOnlyList<PictureMark> Marks,
    IReadOnlyList<PictureLabel> Labels,
    IReadOnlyList<PictureTick> Ticks,
    IReadOnlyList<LegendItem> Legend,
    PictureText? More,
    int Unlabelled,
    string Description)
{
    /// <summary>The colours of the groups, in legend order; the last one is for every group past the others ("other").</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#17becf", "#bcbd22", "#777777",
    ];

    /// <summary>The outline of a mark whose sources differ, and of its legend swatch.</summary>
    public const string DiffersColour = "#c00000";

    public const string Ink = "#1b1f23";

    public const string Muted = "#5b6470";

    public const string Line = "#9aa3ad";
}

/// <summary>
/// Places a timeline's statements on a time axis: pure computation, no drawing. One mark per statement, stacked in
/// a dot plot where they crowd; short labels in lanes above the marks, none overlapping another, and those that find
/// no lane counted in a "+N more" note; years along the axis at a step that keeps their labels apart (1, 2, 5, 10 …
/// years), the first and last always labelled; a colour per section (one document) or per document (several), with a
/// legend; and a distinct marker, with its own legend entry, for statements whose sources differ.
/// </summary>
public static class TimelineLayout
{
    private const float Margin = 24;
    private const float Gap = 6;
    private const float LabelPadding = 3;
    private const int LabelChars = 34;
    private const int LegendChars = 48;
    private const int MaxDotLevels = 12;
    private static readonly int[] YearSteps = [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000];

    public static TimelinePicture Compute(IReadOnlyList<TimelineEntry> entries, TimelinePictureOptions? options = null)
    {
        options ??= new TimelinePictureOptions();
        var width = Math.Clamp(options.Width, TimelinePictureOptions.MinWidth, TimelinePictureOptions.MaxWidth);
        var size = options.FontSize;
        var small = size - 1;

        var firstYear = entries.Count == 0 ? DateTime.UtcNow.Year : entries.Min(e => e.Date.Date.Start.Year);
        var lastYear = entries.Count == 0 ? firstYear + 1 : entries.Max(e => e.Date.Date.End.Year) + 1;
        var axisLeft = Margin;
        var axisRight = width - Margin;
        var start = new DateOnly(firstYear, 1, 1).DayNumber;
        var span = new DateOnly(lastYear - 1, 12, 31).DayNumber + 1 - start;
        float XOf(DateOnly day) => axisLeft + (axisRight - axisLeft) * (day.DayNumber - start) / span;
        float XOfYear(int year) => axisLeft + (axisRight - axisLeft) * (year - firstYear) / (lastYear - firstYear);

        var title = options.Title ?? (entries.Count == 0
            ? "Timeline · no dated statements match"
            : string.Create(CultureInfo.InvariantCulture, $"Timeline · {entries.Count} dated statement{(entries.Count == 1 ? "" : "s")}, {Years(firstYear, lastYear - 1)}"));
        var titleText = Text(Fit(title, 90), Margin, 8, size + 2);

        // Colours: by document when there are several, else by section.
        var byDocument = entries.Select(e => e.Citation.Document.Id).Distinct().Count() > 1;
        string GroupOf(TimelineEntry e) => byDocument ? e.Citation.Document.Title : e.Citation.Passage.Section ?? e.Citation.Document.Title;
        var groups = entries.Select(GroupOf).Distinct().ToList();
        var colourSlots = TimelinePicture.Palette.Count - 1;
        var overflow = groups.Count > TimelinePicture.Palette.Count;
        int ColourOf(string group)
        {
            var index = groups.IndexOf(group);
            return overflow && index >= colourSlots ? colourSlots : index;
        }

        // Marks: midpoint of what the date covers; stacked in levels where they would touch.
        var radius = entries.Count > 100 ? 3.5f : 4.5f;
        var pitch = 2 * radius + 1;
        var order = Enumerable.Range(0, entries.Count)
            .Select(i => (Index: i, X: (XOf(entries[i].Date.Date.Start) + XOf(entries[i].Date.Date.End.AddDays(1))) / 2))
            .OrderBy(m => m.X).ThenBy(m => m.Index).ToList();
        var levelEnds = new List<float>();
        var levels = new int[entries.Count];
        var xs = new float[entries.Count];
        foreach (var (index, x) in order)
        {
            var level = levelEnds.FindIndex(end => end <= x - pitch);
            if (level < 0 && levelEnds.Count < MaxDotLevels)
            {
                levelEnds.Add(float.MinValue);
                level = levelEnds.Count - 1;
            }
            else if (level < 0)
            {
                // Every level is taken here: the one free soonest (marks may touch, each still has its own).
                level = levelEnds.IndexOf(levelEnds.Min());
            }

            levelEnds[level] = x;
            levels[index] = level;
            xs[index] = x;
        }

        // Labels: a lane each, nearest the marks first; differing sources first, then left to right.
        var lanes = new List<List<Box>>();
        var maxLanes = Math.Max(1, options.MaxLanes);
        var placed = new List<(int Entry, int Lane, string Text, Box Box)>();
        var laneHeight = size + 2 * LabelPadding;
        foreach (var (index, x) in order.OrderBy(m => entries[m.Index].Differs ? 0 : 1).ThenBy(m => m.X))
        {
            var text = ShortLabel(entries[index]);
            var textWidth = TextWidths.Measure(text, size);
            var boxWidth = textWidth + 2 * LabelPadding;
            var left = x + boxWidth <= width - Margin / 2 ? x : x - boxWidth;
            left = Math.Max(Margin / 2, left);
            var lane = -1;
            for (var l = 0; l < maxLanes && lane < 0; l++)
            {
                if (l == lanes.Count)
                {
                    lanes.Add([]);
                }

                var candidate = new Box(left, l, boxWidth, 1);
                if (!lanes[l].Any(b => b.X < candidate.Right + Gap && candidate.X < b.Right + Gap))
                {
                    lane = l;
                }
            }

            if (lane >= 0)
            {
                var box = new Box(left, lane, boxWidth, 1);
                lanes[lane].Add(box);
                placed.Add((index, lane, text, box));
            }
        }

        var usedLanes = placed.Count == 0 ? 0 : placed.Max(p => p.Lane) + 1;
        var lanesTop = titleText.Box.Bottom + Gap;
        var dotsTop = lanesTop + usedLanes * (laneHeight + 2) + Gap;
        var usedLevels = Math.Max(1, levelEnds.Count);
        var axisY = dotsTop + usedLevels * pitch + 3;

        var marks = Enumerable.Range(0, entries.Count).Select(i => new PictureMark(
            i, xs[i], axisY - 3 - radius - levels[i] * pitch, radius, ColourOf(GroupOf(entries[i])), entries[i].Differs, MarkTitle(entries[i]))).ToList();

        var labels = placed.OrderBy(p => p.Lane).ThenBy(p => p.Box.X).Select(p =>
        {
            var top = lanesTop + (usedLanes - 1 - p.Lane) * (laneHeight + 2);
            var box = new Box(p.Box.X, top, p.Box.Width, laneHeight);
            var text = new PictureText(p.Text, box, box.X + LabelPadding, box.Y + LabelPadding + size * 0.8f, size);
            var mark = marks[p.Entry];
            return new PictureLabel(p.Entry, p.Lane, text, mark.X, box.Bottom, mark.Y - mark.Radius, mark.Colour);
        }).ToList();

        var ticks = Ticks(firstYear, lastYear, XOfYear, axisY, small);

        // The legend: one entry per colour, then "sources differ" when any statement's sources do.
        var legendTop = axisY + 8 + small + 10;
        var legend = new List<LegendItem>();
        var legendGroups = groups.Take(overflow ? colourSlots : groups.Count).Select((g, i) => (Text: g, Colour: i, Differs: false)).ToList();
        if (overflow)
        {
            legendGroups.Add(($"{groups.Count - colourSlots} other {(byDocument ? "documents" : "sections")}", colourSlots, false));
        }

        if (entries.Any(e => e.Differs))
        {
            legendGroups.Add(("Sources differ on the date", -1, true));
        }

        float lx = Margin, ly = legendTop;
        foreach (var (text, colour, differs) in legendGroups)
        {
            var label = Fit(text, LegendChars);
            var itemWidth = 12 + 4 + TextWidths.Measure(label, small);
            if (lx > Margin && lx + itemWidth > width - Margin)
            {
                lx = Margin;
                ly += small + 8;
            }

            legend.Add(new LegendItem(new Box(lx, ly + 1, 11, 11), Text(label, lx + 16, ly, small), colour, differs));
            lx += itemWidth + 16;
        }

        var bottom = legend.Count > 0 ? legend.Max(l => l.Label.Box.Bottom) : axisY + 8 + small + 4;
        var unlabelled = entries.Count - placed.Count;
        PictureText? more = null;
        if (unlabelled > 0)
        {
            more = Text($"+{unlabelled} more statement{(unlabelled == 1 ? "" : "s")} marked but not labelled (every statement is in the list)", Margin, bottom + 6, small);
            bottom = more.Box.Bottom;
        }

        var description = entries.Count == 0
            ? "No dated statements match."
            : string.Create(CultureInfo.InvariantCulture,
                $"{entries.Count} dated statement{(entries.Count == 1 ? "" : "s")} ({Years(firstYear, lastYear - 1)}) on a time axis, one mark each, coloured by {(byDocument ? "document" : "section")}; {placed.Count} labelled{(entries.Any(e => e.Differs) ? "; diamonds mark statements whose sources differ" : "")}.");
        return new TimelinePicture(width, MathF.Ceiling(bottom + Margin / 2), titleText, axisY, axisLeft, axisRight, marks, labels, ticks, legend, more, unlabelled, description);
    }

    /// <summary>
    /// Year ticks at the smallest step of 1, 2, 5, 10 … years whose labels do not touch; the first and last years are
    /// always labelled, and a step tick too close to either is left out.
    /// </summary>
    private static List<PictureTick> Ticks(int firstYear, int lastYear, Func<int, float> xOf, float axisY, float size)
    {
        var labelWidth = TextWidths.Measure("0000", size) + 2 * Gap;
        var perYear = (xOf(lastYear) - xOf(firstYear)) / (lastYear - firstYear);
        var step = YearSteps.FirstOrDefault(s => s * perYear >= labelWidth, YearSteps[^1]);
        var years = new SortedSet<int> { firstYear, lastYear };
        for (var y = (firstYear / step + 1) * step; y < lastYear; y += step)
        {
            if (Math.Abs(xOf(y) - xOf(firstYear)) >= labelWidth && Math.Abs(xOf(lastYear) - xOf(y)) >= labelWidth)
            {
                years.Add(y);
            }
        }

        return years.Select(y =>
        {
            var text = y.ToString(CultureInfo.InvariantCulture);
            var w = TextWidths.Measure(text, size);
            return new PictureTick(y, xOf(y), Text(text, xOf(y) - w / 2, axisY + 8, size));
        }).ToList();
    }

    private static string Years(int first, int last) =>
        first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}–{last}");

    /// <summary>"12 Dec 1991 Pakistan recognized…": the date, short, and the statement's first words.</summary>
    public static string ShortLabel(TimelineEntry entry)
    {
        var date = entry.Date.Date;
        var when = date.Precision switch
        {
            DatePrecision.Day => date.Start.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            DatePrecision.Month => date.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
            DatePrecision.HalfYear => string.Create(CultureInfo.InvariantCulture, $"H{date.Half} {date.Year}"),
            DatePrecision.Decade => date.Iso,
            _ => date.Year.ToString(CultureInfo.InvariantCulture),
        };
        return Fit(when + " " + AfterLeadingDate(entry), LabelChars);
    }

    /// <summary>The statement without the date it opens with ("On 12 September 2021, …"), which the label already shows.</summary>
    private static string AfterLeadingDate(TimelineEntry entry)
    {
        var end = entry.Date.Start + entry.Date.Length;
        if (entry.Date.Start > 12 || end > entry.Quote.Length)
        {
            return entry.Quote;
        }

        var rest = entry.Quote[end..].TrimStart(',', ' ', ';', ':');
        return rest.Length == 0 ? entry.Quote : char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    /// <summary>What a mark says to a screen reader or a pointer: the date, the statement and its source.</summary>
    public static string MarkTitle(TimelineEntry entry) =>
        $"{entry.Date.Date.Label}{(entry.Differs ? " (sources differ)" : "")} — {Fit(entry.Quote, 240)} — {entry.Citation.Document.Title}";

    private static PictureText Text(string text, float x, float top, float size) =>
        new(text, new Box(x, top, TextWidths.Measure(text, size), size + 4), x, top + size, size);

    /// <summary>The text cut at a word to at most <paramref name="max"/> characters, with "…" when cut.</summary>
    public static string Fit(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(',', ';', ':', '.', ' ', '—', '–') + "…";
    }
}
