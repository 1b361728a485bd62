using System.Data.Common;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;

namespace PakAzBot.Tests.Feedback;

/// <summary>
/// What every feedback store must do, run against each real database by the classes below it: votes survive a
/// restart, the last vote on an answer wins, the schema is versioned, and the old JSON-lines log imports once.
/// </summary>
public abstract class FeedbackStoreCases : IDisposable
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private protected readonly TempFolder Folder = new();

    /// <summary>A new store instance on this test's database, as a restarted process would open it.</summary>
    protected abstract SqlFeedbackStore Open();

    /// <summary>Runs SQL on this test's database outside the store.</summary>
    protected abstract DbConnection Connect();

    /// <summary>The settings that point the command line at this test's database.</summary>
    protected abstract string[] Settings { get; }

    private static FeedbackEntry Vote(string user, string vote, string? answer, int minutes = 0, string passage = "doc#7", string surface = "discord", string? question = "When?") =>
        new(T0.AddMinutes(minutes), surface, user, question, passage, vote, answer);

    private async Task<SqlFeedbackStore> ReadyAsync()
    {
        var store = Open();
        await store.MigrateAsync();
        return store;
    }

    private static async Task<IReadOnlyList<FeedbackEntry>> ReadAsync(SqlFeedbackStore store)
    {
        try
        {
            return await store.ReadAllAsync();
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    protected async Task VotesSurviveARestartCase()
    {
        var written = new[] { Vote("1", "down", "a1"), Vote("2", "up", "a1", 1), Vote("3", "down", null, 2, surface: "teams", question: null) };
        var first = await ReadyAsync();
        foreach (var vote in written)
        {
            await first.RecordAsync(vote);
        }

        (first as IDisposable)?.Dispose();

        var restarted = Open();
        Assert.Equal(1, await restarted.MigrateAsync()); // already at version 1: nothing to do
        Assert.Equal(written, await ReadAsync(restarted));
    }

    protected async Task TheLastVoteOnAnAnswerWinsCase()
    {
        var store = await ReadyAsync();
        // User 1 clicks 👎 twice then 👍 on answer a1; user 2 👎 on a1; user 1 👎 on a2; "1" on Teams is someone else.
        foreach (var vote in new[]
                 {
                     Vote("1", "down", "a1"), Vote("1", "down", "a1", 1), Vote("1", "up", "a1", 2), Vote("2", "down", "a1", 3),
                     Vote("1", "down", "a2", 4), Vote("1", "down", "a1", 5, surface: "teams"),
                 })
        {
            await store.RecordAsync(vote);
        }

        var stored = await ReadAsync(Open());
        Assert.Equal(4, stored.Count);
        Assert.Equal("up", Assert.Single(stored, v => v.Surface == "discord" && v.UserId == "1" && v.Answer == "a1").Vote);
        var summary = Assert.Single(FeedbackSummary.Summarize(stored));
        Assert.Equal((1, 3), (summary.Up, summary.Down));
        (store as IDisposable)?.Dispose();
    }

    protected async Task VotesNamingNoAnswerCountEachCase()
    {
        var store = await ReadyAsync();
        await store.RecordAsync(Vote("1", "down", null, surface: "teams"));
        await store.RecordAsync(Vote("1", "down", null, 1, surface: "teams"));

        var summary = Assert.Single(FeedbackSummary.Summarize(await ReadAsync(store)));
        Assert.Equal((0, 2), (summary.Up, summary.Down));
    }

    protected async Task ConcurrentStartsMigrateOnceCase()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        var before = await Task.WhenAll(stores.Select(s => s.MigrateAsync()));

        Assert.Equal([0, 1, 1], before.Order());
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM feedback_schema";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((1L, 1L), (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1))));
        stores.ForEach(s => (s as IDisposable)?.Dispose());
    }

    protected async Task ANewerSchemaIsRefusedCase()
    {
        (await ReadyAsync() as IDisposable)?.Dispose();
        await using (var connection = Connect())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO feedback_schema (version, applied) SELECT 2, applied FROM feedback_schema";
            await command.ExecuteNonQueryAsync();
        }

        var store = Open();
        var failure = await Assert.ThrowsAsync<FeedbackStoreException>(() => store.MigrateAsync());
        Assert.Contains("schema version 2, newer than this PakAzBot's 1", failure.Message, StringComparison.Ordinal);
        (store as IDisposable)?.Dispose();
    }

    private string Log(string name, params string[] lines) => Folder.Write(name, string.Join("\n", lines) + "\n");

    private static string Line(string user, string vote, string? answer, int minutes, string surface = "discord") =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["time"] = T0.AddMinutes(minutes).ToString("O"), ["surface"] = surface, ["user"] = user, ["question"] = "When?",
            ["passage"] = "doc#7", ["vote"] = vote, ["answer"] = answer,
        }.ToJsonString();

    protected async Task ImportKeepsEachUsersLastVoteAndRunsOnceCase()
    {
        string[] lines = [Line("1", "down", "a1", 0), Line("1", "up", "a1", 1), Line("2", "down", "a1", 2), Line("9", "down", null, 3, "teams"), Line("9", "down", null, 4, "teams")];
        var log = Log("feedback.jsonl", lines);
        var store = await ReadyAsync();

        var first = await store.ImportAsync(log);
        var again = await store.ImportAsync(log);
        // The same log grown by a line (other bytes): only the new line is new.
        var grown = await store.ImportAsync(Log("grown.jsonl", [.. lines, Line("3", "up", "a1", 5)]));

        Assert.Equal((5, 5, 0, (DateTimeOffset?)null), (first.Read, first.Written, first.Skipped, first.AlreadyImportedAt));
        Assert.NotNull(again.AlreadyImportedAt);
        Assert.Equal((6, 1), (grown.Read, grown.Written));
        var summary = Assert.Single(FeedbackSummary.Summarize(await ReadAsync(store)));
        Assert.Equal((2, 3), (summary.Up, summary.Down));
    }

    protected async Task ImportNeverReplacesANewerVoteCase()
    {
        var store = await ReadyAsync();
        await store.RecordAsync(Vote("1", "up", "a1", 10));

        var import = await store.ImportAsync(Log("old.jsonl", Line("1", "down", "a1", 0)));

        Assert.Equal((1, 0, 1), (import.Read, import.Written, import.Skipped));
        Assert.Equal("up", Assert.Single(await ReadAsync(store)).Vote);
    }

    protected async Task ABadLineImportsNothingCase()
    {
        var store = await ReadyAsync();
        var log = Log("bad.jsonl", Line("1", "down", "a1", 0), "{\"time\":\"yesterday\"}", Line("2", "down", "a1", 1));

        var failure = await Assert.ThrowsAsync<FormatException>(() => store.ImportAsync(log));

        Assert.Contains("bad.jsonl:2:", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadAllAsync());
        // Corrected, the same file imports: the failed attempt was not remembered as done.
        File.WriteAllText(log, Line("1", "down", "a1", 0) + "\n" + Line("2", "down", "a1", 1) + "\n");
        Assert.Equal(2, (await store.ImportAsync(log)).Written);
        (store as IDisposable)?.Dispose();
    }

    protected async Task TheFeedbackCommandReadsAndImportsCase()
    {
        var store = await ReadyAsync();
        await store.RecordAsync(Vote("1", "down", "a1", question: "When did Pakistan recognise Azerbaijan?"));
        (store as IDisposable)?.Dispose();
        var log = Log("old.jsonl", Line("2", "up", "a9", 0), Line("2", "down", "a9", 1), Line("3", "down", "a9", 2));

        var (importExit, imported, _) = Cli(["feedback", "import", log]);
        var (againExit, again, _) = Cli(["feedback", "import", log]);
        var (exit, summary, _) = Cli(["feedback"]);

        Assert.Equal((0, 0, 0), (importExit, againExit, exit));
        Assert.Contains("3 entries read, 3 written, 0 older", imported, StringComparison.Ordinal);
        Assert.Contains("was already imported", again, StringComparison.Ordinal);
        Assert.Contains("3 vote(s) on 1 passage(s): 0 👍, 3 👎", summary, StringComparison.Ordinal);
        Assert.Contains("doc#7: 0 👍 3 👎 — asked as: When did Pakistan recognise Azerbaijan? | When?", summary, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Err) Cli(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run([.. Settings.Select(s => "--" + s), .. args], TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public virtual void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
