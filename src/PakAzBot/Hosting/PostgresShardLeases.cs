using Microsoft.Extensions.Logging;
using Npgsql;
using PakAzBot.Discord.Gateway;

namespace PakAzBot.Hosting;

/// <summary>
/// Shares the Gateway's shards among the replicas through PostgreSQL session-level advisory locks, held on one
/// dedicated connection ("Advisory Locks" in PostgreSQL's documentation: a session-level lock is held until released
/// or the session ends). Each replica locks a presence slot, so the live replicas can be counted in pg_locks, and
/// takes free shards up to its fair share (shards ÷ replicas, rounded up). When a replica dies its connection ends
/// and PostgreSQL releases its locks; the others take its shards at their next poll.
/// </summary>
internal sealed partial class PostgresShardLeases(string connectionString, ILogger<PostgresShardLeases> logger) : IShardLeases
{
    // The first key of PakAzBot's two-key advisory locks ("PAZ" and a kind), apart from any other application's.
    private const int PresenceClass = 0x50415A01;
    private const int ShardClass = 0x50415A02;
    private const int PresenceSlots = 1024;

    private NpgsqlConnection? _connection;

    public string Coordination => "postgresql";

    public async Task<LeaseRound> RenewAsync(int shardCount, IReadOnlyCollection<int> held, CancellationToken cancellationToken)
    {
        var lost = false;
        if (_connection is not null && !await AliveAsync(_connection, cancellationToken))
        {
            await DropAsync();
            lost = held.Count > 0;
        }

        if (_connection is null)
        {
            try
            {
                _connection = await OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                await DropAsync();
                LogUnreachable(e.Message);
                return new LeaseRound(held.Count > 0, 0, []);
            }

            // A new session holds nothing yet, whatever this process ran before.
            lost |= held.Count > 0;
        }

        var replicas = Math.Max(1, await ScalarAsync<long>(_connection,
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = CAST(@c AS oid)"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", PresenceClass, null, cancellationToken));
        var share = (int)((shardCount + replicas - 1) / replicas);
        var holding = lost ? 0 : held.Count;
        var acquired = new List<int>();
        for (var shard = 0; shard < shardCount && holding + acquired.Count < share; shard++)
        {
            if ((lost || !held.Contains(shard)) && await ScalarAsync<bool>(_connection, "SELECT pg_try_advisory_lock(@c, @k)", ShardClass, shard, cancellationToken))
            {
                acquired.Add(shard);
            }
        }

        return new LeaseRound(lost, share, acquired);
    }

    public async Task ReleaseAsync(int shard, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            await ScalarAsync<bool>(_connection, "SELECT pg_advisory_unlock(@c, @k)", ShardClass, shard, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Its own session, never pooled (a pooled session would outlive Dispose and keep the locks), with TCP
        // keepalives so that a replica cut off by the network loses its locks too, not only one that exits.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "pakazbot-shards" };
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 10;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            for (var slot = 0; slot < PresenceSlots; slot++)
            {
                if (await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@c, @k)", PresenceClass, slot, cancellationToken))
                {
                    return connection;
                }
            }

            throw new InvalidOperationException($"all {PresenceSlots} replica slots are taken");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> AliveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ScalarAsync<int>(connection, "SELECT 1", 0, null, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private async Task DropAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, int first, int? second, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 10 };
        if (sql.Contains("@c", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("c", first);
        }

        if (second is { } k)
        {
            command.Parameters.AddWithValue("k", k);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellationToken))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: the coordination database is unreachable ({Reason}); holding no shards until it is")]
    private partial void LogUnreachable(string reason);
}
