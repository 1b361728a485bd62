using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;

namespace PakAzBot.Tests.Feedback;

/// <summary>The store cases on a SQLite file, the default store.</summary>
public sealed class SqliteFeedbackStoreTests : FeedbackStoreCases
{
    private string Database => Path.Combine(Folder.Path, "data", "feedback.db");

    protected override SqlFeedbackStore Open() => new SqliteFeedbackStore(Database);

    protected override DbConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Database}");
        connection.Open();
        return connection;
    }

    protected override string[] Settings => [$"Feedback:Path={Database}"];

    [Fact] public Task VotesSurviveARestart() => VotesSurviveARestartCase();
    [Fact] public Task DocumentChangesAreAuditedInOrder() => DocumentChangesAreAuditedInOrderCase();
    [Fact] public Task TheLastVoteOnAnAnswerWins() => TheLastVoteOnAnAnswerWinsCase();
    [Fact] public Task VotesNamingNoAnswerCountEach() => VotesNamingNoAnswerCountEachCase();
    [Fact] public Task ConcurrentStartsMigrateOnce() => ConcurrentStartsMigrateOnceCase();
    [Fact] public Task ANewerSchemaIsRefused() => ANewerSchemaIsRefusedCase();
    [Fact] public Task ImportKeepsEachUsersLastVoteAndRunsOnce() => ImportKeepsEachUsersLastVoteAndRunsOnceCase();
    [Fact] public Task ImportNeverReplacesANewerVote() => ImportNeverReplacesANewerVoteCase();
    [Fact] public Task ABadLineImportsNothing() => ABadLineImportsNothingCase();
    [Fact] public Task TheFeedbackCommandReadsAndImports() => TheFeedbackCommandReadsAndImportsCase();
    [Fact] public Task EachUserHasOnePickPerReplyAndPicksAndVotesKeepApart() => EachUserHasOnePickPerReplyAndPicksAndVotesKeepApartCase();
    [Fact] public Task AVersionOneDatabaseMigratesKeepingItsVotes() => AVersionOneDatabaseMigratesKeepingItsVotesCase();
    [Fact] public Task TheFeedbackCommandShowsPicksAndExportsThemForEval() => TheFeedbackCommandShowsPicksAndExportsThemForEvalCase();

    [Fact]
    public void TheFeedbackCommandDoesNotCreateADatabaseItOnlyReads()
    {
        var output = new StringWriter();

        Assert.Equal(0, PakAzBot.Cli.Run([$"--Feedback:Path={Database}", "feedback"], TextReader.Null, output, TextWriter.Null));

        Assert.Contains("No feedback yet", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void TheOldLogSettingKeepsItsVotesInADatabaseBesideIt()
    {
        var setup = FeedbackStores.Choose(new FeedbackOptions { Path = Path.Combine(Folder.Path, "pod-1.jsonl") }, new FeedbackConnectionStrings());

        Assert.Equal(Path.Combine(Folder.Path, "pod-1.db"), Assert.IsType<SqliteFeedbackStore>(setup.Store).Path);
        Assert.Equal(Path.Combine(Folder.Path, "pod-1.jsonl"), setup.LegacyLog);
        Assert.Contains("Set Feedback:Path to", setup.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void ADatabaseSettingImportsTheOldDefaultLogBesideIt()
    {
        var setup = FeedbackStores.Choose(new FeedbackOptions { Path = Database }, new FeedbackConnectionStrings());

        Assert.Equal(Path.Combine(Folder.Path, "data", "feedback.jsonl"), setup.LegacyLog);
        Assert.Null(setup.Notice);
    }

    [Theory]
    [InlineData("", "ConnectionStrings:Feedback is empty")]
    [InlineData("Hots=db;Database=x", "ConnectionStrings:Feedback is not a PostgreSQL connection string")]
    [InlineData("Database=x;Password=hunter2", "ConnectionStrings:Feedback names no Host")]
    public void ABadConnectionStringIsRefusedByName(string connectionString, string message)
    {
        var failure = Assert.Throws<FeedbackStoreException>(() => FeedbackStores.Choose(new FeedbackOptions(), new FeedbackConnectionStrings { Feedback = connectionString }));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConnectionStringChoosesPostgreSql()
    {
        var setup = FeedbackStores.Choose(new FeedbackOptions(), new FeedbackConnectionStrings { Feedback = "Host=db.example;Database=pakazbot;Username=bot;Password=hunter2" });

        using var store = Assert.IsType<PostgresFeedbackStore>(setup.Store);
        Assert.Equal("PostgreSQL database pakazbot on db.example", store.Location);
    }
}

/// <summary>The store cases on a real PostgreSQL (a throw-away cluster), one new database per test.</summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresFeedbackStoreTests(PostgresServer server) : FeedbackStoreCases
{
    private string? _connectionString;

    private string ConnectionString => _connectionString ??= server.NewDatabase();

    protected override SqlFeedbackStore Open() => new PostgresFeedbackStore(ConnectionString);

    protected override DbConnection Connect()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    protected override string[] Settings => [$"ConnectionStrings:Feedback={ConnectionString}"];

    [PostgresFact] public Task VotesSurviveARestart() => VotesSurviveARestartCase();
    [PostgresFact] public Task DocumentChangesAreAuditedInOrder() => DocumentChangesAreAuditedInOrderCase();
    [PostgresFact] public Task TheLastVoteOnAnAnswerWins() => TheLastVoteOnAnAnswerWinsCase();
    [PostgresFact] public Task VotesNamingNoAnswerCountEach() => VotesNamingNoAnswerCountEachCase();
    [PostgresFact] public Task ConcurrentStartsMigrateOnce() => ConcurrentStartsMigrateOnceCase();
    [PostgresFact] public Task ANewerSchemaIsRefused() => ANewerSchemaIsRefusedCase();
    [PostgresFact] public Task ImportKeepsEachUsersLastVoteAndRunsOnce() => ImportKeepsEachUsersLastVoteAndRunsOnceCase();
    [PostgresFact] public Task ImportNeverReplacesANewerVote() => ImportNeverReplacesANewerVoteCase();
    [PostgresFact] public Task ABadLineImportsNothing() => ABadLineImportsNothingCase();
    [PostgresFact] public Task TheFeedbackCommandReadsAndImports() => TheFeedbackCommandReadsAndImportsCase();
    [PostgresFact] public Task EachUserHasOnePickPerReplyAndPicksAndVotesKeepApart() => EachUserHasOnePickPerReplyAndPicksAndVotesKeepApartCase();
    [PostgresFact] public Task AVersionOneDatabaseMigratesKeepingItsVotes() => AVersionOneDatabaseMigratesKeepingItsVotesCase();
    [PostgresFact] public Task TheFeedbackCommandShowsPicksAndExportsThemForEval() => TheFeedbackCommandShowsPicksAndExportsThemForEvalCase();

    [Fact]
    public void AnUnreachableServerIsNamedWithoutItsPassword()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["--ConnectionStrings:Feedback=Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=3", "feedback"], TextReader.Null, output, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: cannot read the feedback PostgreSQL database x on 127.0.0.1:1: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("check ConnectionStrings:Feedback", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
