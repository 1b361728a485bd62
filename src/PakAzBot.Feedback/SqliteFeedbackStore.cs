using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PakAzBot.Feedback;

/// <summary>
/// Votes in a SQLite file (the default): one process's database, or several processes' on one host. Times are kept as
/// ISO 8601 UTC text with a fixed six-digit fraction, so that comparing the text compares the times.
/// </summary>
public sealed class SqliteFeedbackStore(string path) : SqlFeedbackStore
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public override string Location => $"SQLite database {Path}";

    protected override string TimeType => "TEXT";

    protected override IReadOnlyList<string[]> Migrations { get; } =
    [
        VersionOne("INTEGER PRIMARY KEY", "TEXT"),
        VersionTwo("INTEGER PRIMARY KEY", "TEXT"),
        VersionThree("INTEGER PRIMARY KEY", "TEXT"),
    ];

    /// <summary>WAL (kept in the file; set outside a transaction): readers such as the feedback command and the writer do not wait for each other.</summary>
    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path))
        {
            throw new FeedbackStoreException($"Feedback:Path {Path} is a folder: name a database file in it, such as {System.IO.Path.Combine(Path, "feedback.db")}");
        }

        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Microsoft.Data.Sqlite begins IMMEDIATE transactions (deferred: false): the write lock is taken at once.
        await connection.BeginTransactionAsync(cancellationToken);

    protected override object TimeValue(DateTimeOffset time) =>
        Truncate(time).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>To the microsecond, as PostgreSQL keeps times, so that both stores give back the same vote.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}
