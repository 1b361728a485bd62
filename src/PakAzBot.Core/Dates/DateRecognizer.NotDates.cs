using System.Text.RegularExpressions;

namespace PakAzBot.Core.Dates;

// Names and words that are not dates: links, a year inside a name ("Expo 2024", "Indus Shield – 2021"), schedules
// ("every Sunday", "in May each year"), and the verbs "may" and "march". A blocker claims its characters so that no
// shorter reading is taken from inside it; the verbs are told from the months where the months are read.
public static partial class DateRecognizer
{
    private static void AddNotDates(string text, Candidates candidates)
    {
        foreach (Match m in NameWithYearRegex().Matches(text))
        {
            candidates.Block(m);
        }

        foreach (Match m in ScheduleRegex().Matches(text))
        {
            candidates.Block(m);
        }
    }

    /// <summary>Where each character of <paramref name="text"/> lies inside a link.</summary>
    private static bool[] LinkMask(string text)
    {
        var inLink = new bool[text.Length];
        foreach (Match url in UrlRegex().Matches(text))
        {
            Array.Fill(inLink, true, url.Index, url.Length);
        }

        return inLink;
    }

    /// <summary>
    /// A lowercase month token that is also an English verb ("may", "march"): a month only where the context says so
    /// ("in may"), never after a number ("these 30 may help") or on its own ("and may send", "students march").
    /// Case-sensitive: "May" and "March" are months.
    /// </summary>
    private static bool IsVerbLike(string monthToken) => monthToken is "may" or "march" or "mar" or "mar.";

    /// <summary>
    /// A year inside a name: a capitalized word and a dash before it ("Indus Shield – 2021", "Shield-2021"), or a
    /// capitalized word before it in mid-sentence ("the Expo 2024", "the Solidarity Games 2017", "Vision 2030"). The
    /// capitalized word is not a month, weekday, season or a title-cased preposition, and not a possessive
    /// ("Aliyev's 1996 visit" is dated).
    /// </summary>
    [GeneratedRegex(
        @"(?-i:\b[A-Z][\p{L}&]*\p{L})(?<!\b(?:" + AnyMonthWord + "|" + WeekdayName + "|" + SeasonName + @"))\s*[\-–—]\s*"
        + "(?:19|20)[0-9]{2}" + NumberEnd
        + @"|(?<=[\p{L}\p{N},;)\]]\s{1,4})(?-i:\b[A-Z][\p{L}&]*\p{L})"
        + @"(?<!\b(?:" + AnyMonthWord + "|" + WeekdayName + "|" + SeasonName
        + "|in|on|at|by|of|for|from|since|until|till|to|through|during|before|after|and|or|the|an|circa|about|around"
        + @"|between|throughout|year|fiscal|mid|early|late))\s{1,4}(?:19|20)[0-9]{2}" + NumberEnd,
        Options)]
    private static partial Regex NameWithYearRegex();

    /// <summary>
    /// Schedules, which are not event dates: "every Sunday and Wednesday", "each Monday", "every year in May",
    /// "every other Friday", "on Fridays and Saturdays", "in May each year", "annually in March".
    /// </summary>
    [GeneratedRegex(
        @"\b(?:(?:every|each)\s+(?:other\s+|single\s+)?(?:" + WeekdayName + "|" + AnyMonthWord + "|" + SeasonName + @"|year|month|week)"
        + @"(?:\s*(?:,\s*|\s+)(?:and\s+|or\s+|&\s*)?(?:" + WeekdayName + "|" + AnyMonthWord + "))*"
        + @"(?:\s+(?:in|on|during)\s+(?:" + WeekdayName + "|" + AnyMonthWord + "))?"
        + @"|(?:annually|yearly|monthly|weekly)\s+(?:in|on)\s+(?:" + WeekdayName + "|" + AnyMonthWord + ")"
        + @"|" + WeekdayName + @"s(?:\s*(?:,\s*|\s+)(?:and\s+|or\s+|&\s*)?" + WeekdayName + "s?)*"
        + @"|(?:in|on|during)\s+(?:" + AnyMonthWord + "|" + SeasonName + @")\s+(?:every|each)\s+year)(?!\w)",
        Options)]
    private static partial Regex ScheduleRegex();

    /// <summary>Links: nothing inside them is a date ("https://t.co/bNge6qQ65X", "pic.twitter.com/x2018").</summary>
    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b(?:[a-z0-9\-]+\.)+(?:com|org|net|co|gov|edu|pk|az|io|ly)/\S*", Options)]
    private static partial Regex UrlRegex();
}
