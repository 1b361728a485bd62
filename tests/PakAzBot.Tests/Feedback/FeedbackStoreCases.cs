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

    private static Task<IReadOnlyList<FeedbackEntry>> ReadAsync(SqlFeedbackStore store) => ReadAndCloseAsync(store, s => s.ReadAllAsync());

    private static Task<IReadOnlyList<PickEntry>> ReadPicksAsync(SqlFeedbackStore store) => ReadAndCloseAsync(store, s => s.ReadPicksAsync());

    private static async Task<T> ReadAndCloseAsync<T>(SqlFeedbackStore store, Func<SqlFeedbackStore, Task<T>> read)
    {
        try
        {
            return await read(store);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    protected async Task DocumentChangesAreAuditedInOrderCase()
    {
        var store = await ReadyAsync();
        var added = new Core.Moderation.DocumentAuditEntry(T0, "discord", "111", "Amina", "add", "doc-1", "doc-1.md", "applied", "aaa", "bbb", "written");
        var cancelled = new Core.Moderation.DocumentAuditEntry(T0.AddMinutes(1), "teams", "222", "Bilal", "remove", "doc-1", "doc-1.md", "cancelled", "bbb", null, null);
        await store.RecordDocumentChangeAsync(added);
        await store.RecordDocumentChangeAsync(cancelled);
        (store as IDisposable)?.Dispose();

        var read = await ReadAndCloseAsync(Open(), s => s.ReadDocumentChangesAsync());
        Assert.Equal([added, cancelled], read);
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
        Assert.Equal(restarted.SchemaVersion, await restarted.MigrateAsync()); // already at the newest version: nothing to do
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

        var newest = stores[0].SchemaVersion;
        Assert.Equal([0, newest, newest], before.Order());
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM feedback_schema";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(((long)newest, (long)newest), (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1))));
        stores.ForEach(s => (s as IDisposable)?.Dispose());
    }

    protected async Task ANewerSchemaIsRefusedCase()
    {
        var ready = await ReadyAsync();
        var newest = ready.SchemaVersion;
        (ready as IDisposable)?.Dispose();
        await using (var connection = Connect())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"INSERT INTO feedback_schema (version, applied) SELECT {newest + 1}, applied FROM feedback_schema WHERE version = 1";
            await command.ExecuteNonQueryAsync();
        }

        var store = Open();
        var failure = await Assert.ThrowsAsync<FeedbackStoreException>(() => store.MigrateAsync());
        Assert.Contains($"schema version {newest + 1}, newer than this PakAzBot's {newest}", failure.Message, StringComparison.Ordinal);
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

    private static PickEntry Pick(string user, string reply, string? passage, int minutes = 0, string question = "When?", string surface = "web", string? sentence = null) =>
        new(T0.AddMinutes(minutes), surface, user, reply, question, passage, sentence);

    protected async Task EachUserHasOnePickPerReplyAndPicksAndVotesKeepApartCase()
    {
        var store = await ReadyAsync();
        // User 1 votes 👍 on message m1, then picks doc#7 on it, changes the pick to doc#9, and votes again; user 2 says
        // none of these on m1; user 1 picks on m2; user 1 on Discord is someone else.
        await store.RecordAsync(Vote("1", "up", "m1", surface: "web"));
        await store.RecordPickAsync(Pick("1", "m1", "doc#7", 1));
        await store.RecordPickAsync(Pick("1", "m1", "doc#9", 2, sentence: "It was signed."));
        await store.RecordAsync(Vote("1", "down", "m1", 3, surface: "web"));
        await store.RecordPickAsync(Pick("2", "m1", null, 4));
        await store.RecordPickAsync(Pick("1", "m2", "doc#7", 5));
        await store.RecordPickAsync(Pick("1", "m1", "doc#7", 6, surface: "discord"));

        var reopened = Open();
        var picks = await reopened.ReadPicksAsync();
        var votes = await ReadAsync(reopened);

        Assert.Equal(4, picks.Count);
        var changed = Assert.Single(picks, p => p.Surface == "web" && p.UserId == "1" && p.Reply == "m1");
        Assert.Equal(("doc#9", "It was signed.", T0.AddMinutes(2)), (changed.PassageId, changed.Sentence, changed.Time));
        Assert.True(Assert.Single(picks, p => p.UserId == "2").NoneOfThese);
        Assert.Equal("down", Assert.Single(votes).Vote);
        var summary = PickSummary.Summarize(picks);
        Assert.Equal((3, 1), (summary.Picks, summary.NoneOfThese));
        Assert.Equal([("doc#7", 2), ("doc#9", 1)], summary.Passages.Select(p => (p.PassageId, p.Picks)));
        (store as IDisposable)?.Dispose();
    }

    protected async Task AVersionOneDatabaseMigratesKeepingItsVotesCase()
    {
        var old = Open();
        Assert.Equal(0, await old.MigrateAsync(1, CancellationToken.None));
        await old.RecordAsync(Vote("1", "down", "a1"));
        await old.RecordAsync(Vote("2", "up", null, 1, surface: "teams"));
        (old as IDisposable)?.Dispose();

        var store = Open();
        Assert.Equal(1, await store.MigrateAsync());
        await store.RecordAsync(Vote("1", "up", "a1", 2));
        await store.RecordPickAsync(Pick("1", "a1", "doc#7", 3));

        Assert.Equal([("1", "up", "a1"), ("2", "up", null)], (await store.ReadAllAsync()).Select(v => (v.UserId, v.Vote, v.Answer)).Order());
        Assert.Equal("doc#7", Assert.Single(await ReadPicksAsync(store)).PassageId);
    }

    protected async Task TheFeedbackCommandShowsPicksAndExportsThemForEvalCase()
    {
        const string Recognized = "tdi-2022-06-11-pakistan-azerbaijan-30-years#7";
        const string Trade = "tdi-2022-06-11-pakistan-azerbaijan-30-years#11";
        const string Sentence = "In October 1995, Pakistan and Azerbaijan signed a Trade and Economic Cooperation Agreement.";
        var store = await ReadyAsync();
        await store.RecordPickAsync(Pick("1", "r1", Trade, 0, "When did Pakistan and Azerbaijan sign the Zorblax trade accord?", sentence: Sentence));
        await store.RecordPickAsync(Pick("2", "r2", Trade, 1, "when did pakistan and azerbaijan sign the zorblax trade accord?", "discord", Sentence));
        await store.RecordPickAsync(Pick("3", "r3", Recognized, 2, "Who recognised Azerbaijan second?"));
        await store.RecordPickAsync(Pick("4", "r4", null, 3, "When did the Zorblax embassy open?"));
        await store.RecordPickAsync(Pick("5", "r5", "gone-document#3", 4, "What about the old page?"));
        (store as IDisposable)?.Dispose();
        var file = Path.Combine(Folder.Path, "from-feedback.jsonl");

        var (summaryExit, summary, _) = Cli(["feedback"]);
        var (exportExit, _, exportNotes) = Cli([$"Knowledge:Path={TestPaths.Knowledge}"], ["feedback", "export", "--jsonl", "--output", file]);
        var (againExit, _, again) = Cli([$"Knowledge:Path={TestPaths.Knowledge}"], ["feedback", "export", "--jsonl", "--output", file]);
        var (noFormatExit, _, _) = Cli(["feedback", "export"]);

        Assert.Equal((0, 0, 1, 2), (summaryExit, exportExit, againExit, noFormatExit));
        Assert.Contains($"  {Trade}: picked 2 time(s) — for: When did Pakistan and Azerbaijan sign the Zorblax trade accord?", summary, StringComparison.Ordinal);
        Assert.Contains("  When did the Zorblax embassy open?", summary, StringComparison.Ordinal);
        Assert.Contains("gone-document#3", exportNotes, StringComparison.Ordinal);
        Assert.Contains("already exists", again, StringComparison.Ordinal);

        var items = PakAzBot.Core.Evaluation.Evaluator.Read(file);
        Assert.Equal(3, items.Count);
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
        foreach (var item in items.Where(i => !i.Abstain))
        {
            // The excerpt finds its paragraph, and only it, as eval looks for it; the answer expected is the excerpt.
            var holders = Seed.Knowledge.Passages.Where(p => p.Text.Contains(item.Passage!, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToList();
            Assert.Equal([item.Question.StartsWith("Who", StringComparison.Ordinal) ? Recognized : Trade], holders);
            Assert.True(item.Passage!.Length <= PakAzBot.Core.Feedback.FeedbackExport.MaxExcerptLength, item.Passage);
            Assert.Equal([item.Passage], item.AnswerAny);
            Assert.Equal(["from-feedback", "picked"], item.Tags);
        }

        Assert.Equal(Sentence[..Sentence.LastIndexOf(' ', PakAzBot.Core.Feedback.FeedbackExport.MaxExcerptLength)], items.Single(i => i.Question.StartsWith("When did Pakistan", StringComparison.Ordinal)).Passage);
        var none = Assert.Single(items, i => i.Abstain);
        Assert.Equal("When did the Zorblax embassy open?", none.Question);
        Assert.Equal(["from-feedback", "none-of-these"], none.Tags);

        // What pakazbot eval reads and scores.
        var (evalExit, report, _) = Cli([$"Knowledge:Path={TestPaths.Knowledge}"], ["eval", file, "--no-semantic"]);
        Assert.Equal(0, evalExit);
        Assert.Contains("from-feedback", report, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Err) Cli(string[] args) => Cli([], args);

    private (int Exit, string Out, string Err) Cli(string[] settings, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run([.. Settings.Concat(settings).Select(s => "--" + s), .. args], TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public virtual void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
