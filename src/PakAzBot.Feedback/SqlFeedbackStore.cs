using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Moderation;

namespace PakAzBot.Feedback;

/// <summary>What an import did: entries read, written (new, or newer than the stored vote) and skipped.</summary>
public sealed record FeedbackImport(string Source, int Read, int Written, int Skipped, DateTimeOffset? AlreadyImportedAt = null);

/// <summary>A feedback database's schema is newer than this build, or the database cannot be used.</summary>
public sealed class FeedbackStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Votes and picks in a SQL database, in plain ADO.NET. The schema is versioned in feedback_schema:
/// <see cref="MigrateAsync(CancellationToken)"/> applies the migrations the database lacks, one transaction, one
/// process at a time. Table feedback_votes has one row per counted vote: a vote naming an answer is upserted on
/// (surface, user_id, answer), so the last one wins; a vote naming none is a row of its own (the summary counts each
/// of those). feedback_picks (version 2) has one row per user and reply that offered suggestions, upserted on
/// (surface, user_id, reply). feedback_imports remembers the JSON-lines logs already imported, by their SHA-256.
/// document_changes (version 3) is the audit trail of moderators' document changes, one row per outcome.
/// </summary>
public abstract class SqlFeedbackStore : IFeedbackStore, IDocumentAudit
{
    /// <summary>The newest schema version this build knows.</summary>
    public int SchemaVersion => Migrations.Count;

    public abstract string Location { get; }

    /// <summary>The migrations, version 1 first: each a list of statements in this database's dialect.</summary>
    protected abstract IReadOnlyList<string[]> Migrations { get; }

    /// <summary>The SQL type of a moment in time.</summary>
    protected abstract string TimeType { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins the migration's transaction, keeping other processes out until it ends.</summary>
    protected abstract Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>What the database needs before the migration's transaction, on every start.</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract object TimeValue(DateTimeOffset time);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Creates or migrates the schema; returns the version it was at before.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(SchemaVersion, cancellationToken);

    /// <summary>Migrates up to <paramref name="target"/> only: what an older build left, for the tests of the migrations.</summary>
    internal async Task<int> MigrateAsync(int target, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
        await using var transaction = await BeginExclusiveAsync(connection, cancellationToken);
        await ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS feedback_schema (version INTEGER NOT NULL PRIMARY KEY, applied {TimeType} NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM feedback_schema", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new FeedbackStoreException($"the feedback database {Location} has schema version {current}, newer than this PakAzBot's {SchemaVersion}: run the newer PakAzBot that migrated it, or point the feedback settings at another database");
        }

        for (var version = current + 1; version <= target; version++)
        {
            foreach (var statement in Migrations[version - 1])
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await ExecuteAsync(connection, transaction, "INSERT INTO feedback_schema (version, applied) VALUES (@version, @applied)", cancellationToken,
                ("version", version), ("applied", TimeValue(DateTimeOffset.UtcNow)));
        }

        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    public async Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        Check(entry);
        await using var connection = await OpenAsync(cancellationToken);
        await WriteAsync(connection, null, entry, onlyIfNewer: false, cancellationToken);
    }

    public Task<IReadOnlyList<FeedbackEntry>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync("SELECT time, surface, user_id, question, passage, vote, answer FROM feedback_votes ORDER BY time, id",
            reader => new FeedbackEntry(ReadTime(reader, 0), reader.GetString(1), reader.GetString(2), Nullable(reader, 3), reader.GetString(4), reader.GetString(5), Nullable(reader, 6)),
            cancellationToken);

    public async Task RecordPickAsync(PickEntry pick, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            "INSERT INTO feedback_picks (time, surface, user_id, reply, question, passage, sentence) VALUES (@time, @surface, @user_id, @reply, @question, @passage, @sentence) "
            + "ON CONFLICT (surface, user_id, reply) DO UPDATE SET time = excluded.time, question = excluded.question, passage = excluded.passage, sentence = excluded.sentence",
            cancellationToken,
            ("time", TimeValue(pick.Time)), ("surface", pick.Surface), ("user_id", pick.UserId), ("reply", pick.Reply), ("question", pick.Question),
            ("passage", pick.PassageId), ("sentence", pick.Sentence));
    }

    public Task<IReadOnlyList<PickEntry>> ReadPicksAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync("SELECT time, surface, user_id, reply, question, passage, sentence FROM feedback_picks ORDER BY time, id",
            reader => new PickEntry(ReadTime(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Nullable(reader, 5), Nullable(reader, 6)),
            cancellationToken);

    public async Task RecordDocumentChangeAsync(DocumentAuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            "INSERT INTO document_changes (time, surface, moderator_id, moderator_name, action, document_id, file, outcome, hash_before, hash_after, detail) "
            + "VALUES (@time, @surface, @moderator_id, @moderator_name, @action, @document_id, @file, @outcome, @hash_before, @hash_after, @detail)",
            cancellationToken,
            ("time", TimeValue(entry.Time)), ("surface", entry.Surface), ("moderator_id", entry.ModeratorId), ("moderator_name", entry.ModeratorName),
            ("action", entry.Action), ("document_id", entry.DocumentId), ("file", entry.File), ("outcome", entry.Outcome),
            ("hash_before", entry.HashBefore), ("hash_after", entry.HashAfter), ("detail", entry.Detail));
    }

    public Task<IReadOnlyList<DocumentAuditEntry>> ReadDocumentChangesAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync("SELECT time, surface, moderator_id, moderator_name, action, document_id, file, outcome, hash_before, hash_after, detail FROM document_changes ORDER BY time, id",
            reader => new DocumentAuditEntry(ReadTime(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), Nullable(reader, 8), Nullable(reader, 9), Nullable(reader, 10)),
            cancellationToken);

    /// <summary>Every row a query returns, each made into a <typeparamref name="T"/>.</summary>
    private async Task<IReadOnlyList<T>> ReadRowsAsync<T>(string sql, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static string? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Imports a JSON-lines feedback log in one transaction: all of it or, on a line that cannot be read, none of it
    /// (the <see cref="FormatException"/> names the line). A log imported before (the same bytes) is not read again.
    /// A vote on an answer is written only if it is newer than the one stored for that user and answer (or as old and
    /// different: the later line wins); a vote
    /// naming no answer only if the very same entry is not stored yet, so importing twice never counts twice.
    /// </summary>
    public async Task<FeedbackImport> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var source = Path.GetFullPath(path);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var seen = Command(connection, transaction, "SELECT imported, entries FROM feedback_imports WHERE sha256 = @sha256", ("sha256", hash)))
        await using (var reader = await seen.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return new FeedbackImport(source, reader.GetInt32(1), 0, 0, ReadTime(reader, 0));
            }
        }

        var entries = FeedbackLog.Read(path);
        var written = 0;
        foreach (var entry in entries)
        {
            written += await WriteAsync(connection, transaction, entry, onlyIfNewer: true, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "INSERT INTO feedback_imports (sha256, source, entries, imported) VALUES (@sha256, @source, @entries, @imported)", cancellationToken,
            ("sha256", hash), ("source", source), ("entries", entries.Count), ("imported", TimeValue(DateTimeOffset.UtcNow)));
        await transaction.CommitAsync(cancellationToken);
        return new FeedbackImport(source, entries.Count, written, entries.Count - written);
    }

    /// <summary>The rows written (0 or 1).</summary>
    private async Task<int> WriteAsync(DbConnection connection, DbTransaction? transaction, FeedbackEntry entry, bool onlyIfNewer, CancellationToken cancellationToken)
    {
        (string, object?)[] values =
        [
            ("time", TimeValue(entry.Time)), ("surface", entry.Surface), ("user_id", entry.UserId), ("question", entry.Question),
            ("passage", entry.PassageId), ("vote", entry.Vote), ("answer", entry.Answer),
        ];
        const string Insert = "INSERT INTO feedback_votes (time, surface, user_id, question, passage, vote, answer) ";
        var sql = entry.Answer is not null
            ? Insert + "VALUES (@time, @surface, @user_id, @question, @passage, @vote, @answer) "
                + "ON CONFLICT (surface, user_id, answer) DO UPDATE SET time = excluded.time, question = excluded.question, passage = excluded.passage, vote = excluded.vote"
                + (onlyIfNewer ? " WHERE feedback_votes.time < excluded.time OR (feedback_votes.time = excluded.time AND feedback_votes.vote <> excluded.vote)" : "")
            : onlyIfNewer
                ? Insert + "SELECT @time, @surface, @user_id, @question, @passage, @vote, @answer WHERE NOT EXISTS (SELECT 1 FROM feedback_votes WHERE answer IS NULL "
                    + "AND time = @time AND surface = @surface AND user_id = @user_id AND passage = @passage AND vote = @vote "
                    + "AND (question = @question OR (question IS NULL AND @question IS NULL)))"
                : Insert + "VALUES (@time, @surface, @user_id, @question, @passage, @vote, @answer)";
        return await ExecuteAsync(connection, transaction, sql, cancellationToken, values);
    }

    private static void Check(FeedbackEntry entry)
    {
        if (entry.Vote is not (FeedbackLog.Up or FeedbackLog.Down))
        {
            throw new ArgumentException($"a vote is '{FeedbackLog.Up}' or '{FeedbackLog.Down}', not '{entry.Vote}'", nameof(entry));
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null or string)
            {
                parameter.DbType = DbType.String; // so that a null has a type PostgreSQL can infer
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Schema version 1, in either dialect: the votes, one per user and answer, and the imported logs.</summary>
    protected static string[] VersionOne(string id, string time) =>
    [
        $"""
        CREATE TABLE feedback_votes (
            id {id},
            time {time} NOT NULL,
            surface TEXT NOT NULL,
            user_id TEXT NOT NULL,
            question TEXT,
            passage TEXT NOT NULL,
            vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
            answer TEXT,
            UNIQUE (surface, user_id, answer)
        )
        """,
        "CREATE INDEX feedback_votes_passage ON feedback_votes (passage)",
        $"CREATE TABLE feedback_imports (sha256 TEXT NOT NULL PRIMARY KEY, source TEXT NOT NULL, entries INTEGER NOT NULL, imported {time} NOT NULL)",
    ];

    /// <summary>
    /// Schema version 2: the picks among suggestions, one per user and reply, in a table of their own so that a pick
    /// and a 👍/👎 on the same message never replace each other. A null passage is "none of these".
    /// </summary>
    protected static string[] VersionTwo(string id, string time) =>
    [
        $"""
        CREATE TABLE feedback_picks (
            id {id},
            time {time} NOT NULL,
            surface TEXT NOT NULL,
            user_id TEXT NOT NULL,
            reply TEXT NOT NULL,
            question TEXT NOT NULL,
            passage TEXT,
            sentence TEXT,
            UNIQUE (surface, user_id, reply)
        )
        """,
        "CREATE INDEX feedback_picks_passage ON feedback_picks (passage)",
    ];

    /// <summary>
    /// Schema version 3: the audit trail of moderators' document changes (added, replaced, removed; applied,
    /// cancelled or failed), with who, when, and the knowledge folder's content hash before and after.
    /// </summary>
    protected static string[] VersionThree(string id, string time) =>
    [
        $"""
        CREATE TABLE document_changes (
            id {id},
            time {time} NOT NULL,
            surface TEXT NOT NULL,
            moderator_id TEXT NOT NULL,
            moderator_name TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'replace', 'remove')),
            document_id TEXT NOT NULL,
            file TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'cancelled', 'failed')),
            hash_before TEXT,
            hash_after TEXT,
            detail TEXT
        )
        """,
        "CREATE INDEX document_changes_document ON document_changes (document_id)",
    ];
}
