using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

// Ranges: a span wider than a month that the writer names as one, kept at the nearest precision that contains it.
// Half-years ("the second half of 2018", "H2 2018"), decades ("the 1990s", "the nineties", "the mid-1990s") and
// vague parts of a year ("mid-2016", "early 2016", "the spring of 2016", which give the year). Two dates joined as a
// range ("2018–2020", "from March to May") are two mentions, each recognized on its own.
public static partial class DateRecognizer
{
    private static void AddPeriods(string text, Candidates candidates)
    {
        foreach (Match m in HalfYearRegex().Matches(text))
        {
            var half = m.Groups["half"].Value.ToLowerInvariant() is "first" or "1st" or "1" ? 1 : 2;
            candidates.AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.HalfYear, half));
        }

        foreach (Match m in DecadeRegex().Matches(text))
        {
            candidates.AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Decade, null));
        }

        // "mid-2016", "early 2016", "the spring of 2016": vaguer than a year, so the year.
        foreach (Match m in VagueYearRegex().Matches(text))
        {
            candidates.AddStated(m, Create(Int(m, "year"), null, null, DatePrecision.Year, null));
        }

        // "the mid-1990s", "the nineties", "the early '90s": the decade.
        foreach (Match m in VagueDecadeRegex().Matches(text))
        {
            candidates.AddStated(m, Create(DecadeOf(m), null, null, DatePrecision.Decade, null));
        }
    }

    private static int DecadeOf(Match m)
    {
        if (m.Groups["year"].Success)
        {
            return Int(m, "year");
        }

        if (m.Groups["yy"].Success)
        {
            var yy = Int(m, "yy");
            return yy < 20 ? 2000 + yy : 1900 + yy;
        }

        return m.Groups["word"].Value.ToLowerInvariant() switch
        {
            "twenties" => 1920,
            "thirties" => 1930,
            "forties" => 1940,
            "fifties" => 1950,
            "sixties" => 1960,
            "seventies" => 1970,
            "eighties" => 1980,
            "nineties" => 1990,
            _ => 2000, // noughties, aughts
        };
    }

    /// <summary>"the second half of 2018", "first half of the year 2018", "H2 2018".</summary>
    [GeneratedRegex(
        @"(?:\b(?:the\s+)?(?<half>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+year\s+)?|\bH(?<half>[12])\s+(?:of\s+)?)"
        + YearNumber,
        Options)]
    private static partial Regex HalfYearRegex();

    /// <summary>"the 1990s", "1990s", "the 1990's".</summary>
    [GeneratedRegex(@"(?:\bthe\s+)?" + NumberStart + "(?<year>[12][0-9]{2}0)['’]?s(?!\\w)", Options)]
    private static partial Regex DecadeRegex();

    /// <summary>"mid-2016", "early 2016", "late 2016", "the spring of 2016", "in autumn 2019" (the season needs "the … of" or a preposition).</summary>
    [GeneratedRegex(
        @"\b(?:(?:the\s+)?(?:mid|early|late)(?:-|\s+)|the\s+(?:(?:early|late)\s+)?" + SeasonName + @"\s+of\s+"
        + @"|(?<=\b(?:in|during|by|since|until|from)\s{1,4})" + SeasonName + @"\s+)"
        + "(?<year>(?:19|20)[0-9]{2})" + NumberEnd + @"(?![\s\-]+[0-9])(?!['’]?s\b)",
        Options)]
    private static partial Regex VagueYearRegex();

    /// <summary>"the mid-1990s", "the early 2000s", "the nineties", "the late eighties", "the '90s", "the 90s".</summary>
    [GeneratedRegex(
        @"\b(?:the\s+(?:(?:mid|early|late)(?:-|\s+))?(?:(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)"
        + @"|['’‘]?(?<yy>[0-9]0)['’]?s)|(?:the\s+)?(?:mid|early|late)(?:-|\s+)(?<year>[12][0-9]{2}0)['’]?s)(?!\w)",
        Options)]
    private static partial Regex VagueDecadeRegex();
}
