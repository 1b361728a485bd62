using System.Globalization;

namespace PakAzBot.Core.Timeline;

/// <summary>
/// How wide text is in DejaVu Sans, the font the timeline picture is drawn with (PakAzBot.Drawing embeds it; the SVG
/// asks browsers for it and pins each text's length to these widths with <c>textLength</c>). Advance widths in font
/// units (2048 to the em) from Resources/dejavu-sans-widths.txt; a character not listed there counts as wider than any
/// that is (<see cref="Unknown"/>), so a box computed from this never holds less than its text.
/// </summary>
public static class TextWidths
{
    public const int UnitsPerEm = 2048;

    /// <summary>The width counted for a character not in the table: more than the widest in it (Œ, 2191).</summary>
    public const int Unknown = 2400;

    private static readonly Dictionary<char, short> Table = Load();

    /// <summary>The advance width of one character, in font units.</summary>
    public static int Units(char c) => Table.TryGetValue(c, out var units) ? units : Unknown;

    /// <summary>The characters the table knows, for the test that compares them with the font.</summary>
    internal static IEnumerable<char> Known => Table.Keys;

    /// <summary>The width of <paramref name="text"/> drawn at <paramref name="size"/> pixels to the em.</summary>
    public static float Measure(string text, float size)
    {
        long units = 0;
        foreach (var c in text)
        {
            units += Units(c);
        }

        return units * size / UnitsPerEm;
    }

    private static Dictionary<char, short> Load()
    {
        using var stream = typeof(TextWidths).Assembly.GetManifestResourceStream("PakAzBot.Core.Timeline.dejavu-sans-widths.txt")
            ?? throw new InvalidOperationException("The font widths dejavu-sans-widths.txt are not embedded in PakAzBot.Core.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, short>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = int.Parse(fields[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (var i = 1; i < fields.Length; i++)
            {
                table[(char)(first + i - 1)] = short.Parse(fields[i], CultureInfo.InvariantCulture);
            }
        }

        return table;
    }
}
