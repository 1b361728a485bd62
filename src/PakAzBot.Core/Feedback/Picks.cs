namespace PakAzBot.Core.Feedback;

/// <summary>
/// A user's pick among the passages the bot suggested when it was not sure. <paramref name="Reply"/> names the
/// reply that offered them (the Discord message, the Teams message, the web reply's id): one user has one pick per
/// reply, and a later pick replaces an earlier one. <paramref name="PassageId"/> is the passage the user said answers
/// <paramref name="Question"/>, or null for "none of these"; <paramref name="Sentence"/> is what the bot then quoted
/// from it.
/// </summary>
public sealed record PickEntry(DateTimeOffset Time, string Surface, string UserId, string Reply, string Question, string? PassageId, string? Sentence = null)
{
    public bool NoneOfThese => PassageId is null;
}

/// <summary>A passage users picked as the answer, how often, and for which questions.</summary>
public sealed record PickedPassage(string PassageId, int Picks, IReadOnlyList<string> Questions);

/// <summary>What the picks say: the passages picked, most first, and the questions none of the suggestions answered.</summary>
public sealed record PickReport(int Picks, int NoneOfThese, IReadOnlyList<PickedPassage> Passages, IReadOnlyList<string> Unanswered);

public static class PickSummary
{
    private const int QuestionsShown = 5;

    public static PickReport Summarize(IEnumerable<PickEntry> picks)
    {
        var all = picks.ToList();
        var passages = all.Where(p => p.PassageId is not null)
            .GroupBy(p => p.PassageId!, StringComparer.Ordinal)
            .Select(g => new PickedPassage(g.Key, g.Count(), g.Select(p => p.Question).Distinct(StringComparer.OrdinalIgnoreCase).Take(QuestionsShown).ToList()))
            .OrderByDescending(p => p.Picks)
            .ThenBy(p => p.PassageId, StringComparer.Ordinal)
            .ToList();
        var unanswered = all.Where(p => p.NoneOfThese)
            .GroupBy(p => p.Question, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().Question)
            .ToList();
        return new PickReport(all.Count(p => !p.NoneOfThese), all.Count(p => p.NoneOfThese), passages, unanswered);
    }
}
