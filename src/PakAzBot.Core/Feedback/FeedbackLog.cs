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

    /// <summary>The JSON-lines file votes are appended to.</summary>
    public string Path { get; set; } = "feedback.jsonl";
}

/// <summary>
/// Appends votes as JSON lines, one writer at a time, so every surface of every request can share one file.
/// With several replicas each keeps its own file (see the deployment notes).
/// </summary>
public sealed class FeedbackLog(string path)
{
    public const string Up = "up";
    public const string Down = "down";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task AppendAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        var line = new JsonObject
        {
            ["time"] = entry.Time.ToString("O", CultureInfo.InvariantCulture),
            ["surface"] = entry.Surface,
            ["user"] = entry.UserId,
            ["question"] = entry.Question,
            ["passage"] = entry.PassageId,
            ["vote"] = entry.Vote,
        };
        if (entry.Answer is not null)
        {
            line["answer"] = entry.Answer;
        }

        var text = line.ToJsonString() + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await File.AppendAllTextAsync(Path, text, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

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
                entries.Add(new FeedbackEntry(
                    DateTimeOffset.Parse(json["time"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                    json["surface"]?.GetValue<string>() ?? "",
                    json["user"]?.GetValue<string>() ?? "",
                    json["question"]?.GetValue<string>(),
                    json["passage"]!.GetValue<string>(),
                    json["vote"]!.GetValue<string>(),
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
