using System.Data.Common;
using Npgsql;

namespace PakAzBot.Feedback;

/// <summary>
/// Votes in PostgreSQL (ConnectionStrings:Feedback): one database shared by every replica. Migrations take a
/// transaction-scoped advisory lock, so replicas starting together migrate one after the other.
/// </summary>
public sealed class PostgresFeedbackStore : SqlFeedbackStore, IAsyncDisposable, IDisposable
{
    // An arbitrary constant: "PakAzBot" in ASCII, the key of the migration's advisory lock.
    private const long MigrationLock = 0x50616b417a426f74;

    private readonly NpgsqlDataSource _source;

    public PostgresFeedbackStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword; the connection string itself may hold a password and is not repeated.
            throw new FeedbackStoreException($"ConnectionStrings:Feedback is not a PostgreSQL connection string ({e.Message}); write it as Host=HOST;Database=NAME;Username=USER;Password=PASSWORD", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new FeedbackStoreException("ConnectionStrings:Feedback names no Host: write it as Host=HOST;Database=NAME;Username=USER;Password=PASSWORD");
        }

        Location = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host}{(builder.Port == NpgsqlConnection.DefaultPort ? "" : ":" + builder.Port)}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override string TimeType => "TIMESTAMPTZ";

    protected override IReadOnlyList<string[]> Migrations { get; } =
    [
        VersionOne("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ"),
        VersionTwo("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ"),
        VersionThree("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ"),
    ];

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLock})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    protected override object TimeValue(DateTimeOffset time) => SqliteFeedbackStore.Truncate(time).UtcDateTime;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
