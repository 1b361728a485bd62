using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PakAzBot.Core.Feedback;

/// <summary>
/// One 👍 or 👎 on a cited passage. <paramref name="Answer"/> names the answer voted on (on Discord, the answer
/// message's id): one user has one vote per answer, and a later vote replaces an earlier one.
/// </summary>
public sealed record FeedbackEntry(DateTimeOffset Time, string Surface, string UserId, string? Question, string PassageId, string Vote, string? Answer = null);

/// <summary>Settings under "Feedback".</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>
    /// The SQLite database the votes are kept in (unless ConnectionStrings:Feedback names a PostgreSQL database).
    /// A path ending in .jsonl is the JSON-lines log of earlier versions: the database is then the same path ending in
    /// .db, and the log is imported into it once. A feedback.jsonl beside the database is imported once too.
    /// </summary>
    public string Path { get; set; } = "feedback.db";
}

/// <summary>
/// Settings under "ConnectionStrings": only Feedback, a PostgreSQL connection string. When set, the votes are kept
/// in that database (shared by every replica) instead of the SQLite file of Feedback:Path.
/// </summary>
public sealed class FeedbackConnectionStrings
{
    public const string Section = "ConnectionStrings";

    public string? Feedback { get; set; }

    /// <summary>
    /// A PostgreSQL database through which replicas share out the Discord Gateway's shards; when unset, the Feedback
    /// database does it, if it is PostgreSQL.
    /// </summary>
    public string? Coordination { get; set; }
}

/// <summary>Where votes are kept: every surface records through it, and the feedback command reads it.</summary>
public interface IFeedbackStore
{
    /// <summary>Where the votes are, for messages (never a password).</summary>
    string Location { get; }

    /// <summary>
    /// Records a vote. A vote that names an answer replaces the same user's earlier vote on that answer on the same
    /// surface; a vote that names none is kept beside the others, as the summary counts each of those.
    /// </summary>
    Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Every vote that counts, oldest first.</summary>
    Task<IReadOnlyList<FeedbackEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a pick among the suggestions (or "none of these"): it replaces the same user's earlier pick on the same
    /// reply on the same surface, and never a vote (votes and picks are kept apart).
    /// </summary>
    Task RecordPickAsync(PickEntry pick, CancellationToken cancellationToken = default);

    /// <summary>Every pick that counts (each user's last on each reply), oldest first.</summary>
    Task<IReadOnlyList<PickEntry>> ReadPicksAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The JSON-lines feedback log of earlier versions (one vote a line), which is now only read: to import it into the
/// database, and by <c>pakazbot feedback --file</c>.
/// </summary>
public static class FeedbackLog
{
    public const string Up = "up";
    public const string Down = "down";

    /// <summary>Reads a feedback file; a line that cannot be read is reported with its number.</summary>
    public static IReadOnlyList<FeedbackEntry> Read(string path)
    {
        var entries = new List<FeedbackEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var json = JsonNode.Parse(line)!.AsObject();
                var vote = json["vote"]!.GetValue<string>();
                if (vote is not (Up or Down))
                {
                    throw new FormatException($"the vote is '{vote}', not '{Up}' or '{Down}'");
                }

                entries.Add(new FeedbackEntry(
                    DateTimeOffset.Parse(json["time"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                    json["surface"]?.GetValue<string>() ?? "",
                    json["user"]?.GetValue<string>() ?? "",
                    json["question"]?.GetValue<string>(),
                    json["passage"]!.GetValue<string>(),
                    vote,
                    json["answer"]?.GetValue<string>()));
            }
            catch (Exception e) when (e is JsonException or FormatException or NullReferenceException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{number}: not a feedback entry ({e.Message})", e);
            }
        }

        return entries;
    }
}

/// <summary>Votes per passage, worst first: what moderators should look at.</summary>
public sealed record PassageFeedback(string PassageId, int Up, int Down, IReadOnlyList<string> Questions);

public static class FeedbackSummary
{
    /// <summary>
    /// Counts each user's last vote on each answer once (entries are in the order they were written); votes that
    /// name no answer count each.
    /// </summary>
    public static IReadOnlyList<PassageFeedback> Summarize(IEnumerable<FeedbackEntry> entries) =>
        entries.Select((e, i) => (Entry: e, Order: i))
            .GroupBy(x => x.Entry.Answer is null ? (object)x.Order : (x.Entry.Surface, x.Entry.UserId, x.Entry.Answer))
            .Select(g => g.Last().Entry)
            .GroupBy(e => e.PassageId)
            .Select(g => new PassageFeedback(
                g.Key,
                g.Count(e => e.Vote == FeedbackLog.Up),
                g.Count(e => e.Vote == FeedbackLog.Down),
                g.Where(e => e.Vote == FeedbackLog.Down && e.Question is not null).Select(e => e.Question!).Distinct().Take(5).ToList()))
            .OrderByDescending(p => p.Down - p.Up)
            .ThenByDescending(p => p.Down)
            .ThenBy(p => p.PassageId, StringComparer.Ordinal)
            .ToList();
}
