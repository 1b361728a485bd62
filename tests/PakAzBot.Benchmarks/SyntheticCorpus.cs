using System.Globalization;
using System.Text;

namespace PakAzBot.Benchmarks;

/// <summary>
/// A knowledge folder of made-up but well-formed documents, the same for the same size: each paragraph is a dated
/// sentence about two invented entities, so every generated question has a known answer.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly string[] Syllables = ["var", "nel", "os", "tri", "ka", "mor", "dan", "eli", "qu", "zen", "tor", "bal", "rim", "sha", "lo", "vex", "ur", "pan", "ged", "ith"];
    private static readonly string[] Topics = ["trade", "energy", "defence", "education", "transport", "water", "health", "tourism", "mining", "fisheries"];
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    public const int ParagraphsPerDocument = 100;

    public sealed record Question(string Text, string Year);

    /// <summary>Writes <paramref name="paragraphs"/> paragraphs into a new folder and returns it with questions about them.</summary>
    public static (string Folder, IReadOnlyList<Question> Questions) Write(int paragraphs, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), $"pakazbot-synthetic-{paragraphs}");
        var questions = new List<Question>();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var random = new Random(20221211);
        for (var d = 0; d * ParagraphsPerDocument < paragraphs; d++)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"---\nid: synthetic-{d:D5}\ntitle: Synthetic report {d}\npublisher: Benchmark Wire\npublished: 2024-01-15\nlanguage: en\n---\n\n## Section {d % 7}\n\n");
            for (var p = 0; p < ParagraphsPerDocument && d * ParagraphsPerDocument + p < paragraphs; p++)
            {
                var a = Name(random);
                var b = Name(random);
                var topic = Topics[random.Next(Topics.Length)];
                var year = 1990 + random.Next(34);
                var month = Months[random.Next(12)];
                var day = 1 + random.Next(28);
                text.Append(CultureInfo.InvariantCulture,
                    $"On {month} {day}, {year}, the {a} council signed a {topic} agreement with the {b} delegation in {Name(random)}. ");
                text.Append(CultureInfo.InvariantCulture, $"The {a} side described the {topic} talks as constructive.\n\n");
                if (questions.Count < 1000 && random.Next(10) == 0)
                {
                    questions.Add(new Question($"When did the {a} council sign a {topic} agreement with the {b} delegation?", year.ToString(CultureInfo.InvariantCulture)));
                }
            }

            File.WriteAllText(Path.Combine(folder, $"synthetic-{d:D5}.md"), text.ToString());
        }

        return (folder, questions);
    }

    private static string Name(Random random)
    {
        var length = 2 + random.Next(2);
        var name = string.Concat(Enumerable.Range(0, length).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
