namespace PakAzBot.Core.Answering;

/// <summary>The files embedded in this assembly: word lists (one entry per line, '#' comments and blank lines skipped) and the answer model.</summary>
internal static class Resources
{
    public static string Text(string name)
    {
        var assembly = typeof(Resources).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Lines(string name)
    {
        var assembly = typeof(Resources).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return line;
            }
        }
    }
}
