namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Which of the bot's shards this process may hold, so that each shard has exactly one connection among the replicas
/// (two connections on one shard would each get its messages, and answer them twice).
/// </summary>
public interface IShardLeases : IAsyncDisposable
{
    /// <summary>How shards are shared out, for the log and /healthz.</summary>
    string Coordination { get; }

    /// <summary>
    /// Called every poll: checks the leases held are still held, works out this process's fair share, and takes free
    /// shards up to it. The caller gives up shards beyond the share (stopping them first, then <see cref="ReleaseAsync"/>).
    /// </summary>
    Task<LeaseRound> RenewAsync(int shardCount, IReadOnlyCollection<int> held, CancellationToken cancellationToken);

    Task ReleaseAsync(int shard, CancellationToken cancellationToken);
}

/// <param name="Lost">Every lease held so far is gone (the database connection broke): stop those shards now.</param>
/// <param name="Share">How many shards this process should hold.</param>
/// <param name="Acquired">Shards newly taken in this round.</param>
public sealed record LeaseRound(bool Lost, int Share, IReadOnlyList<int> Acquired);

/// <summary>Without a database: this process is the only one, and holds every shard.</summary>
public sealed class ProcessShardLeases : IShardLeases
{
    public string Coordination => "this process";

    public Task<LeaseRound> RenewAsync(int shardCount, IReadOnlyCollection<int> held, CancellationToken cancellationToken) =>
        Task.FromResult(new LeaseRound(false, shardCount, Enumerable.Range(0, shardCount).Where(s => !held.Contains(s)).ToList()));

    public Task ReleaseAsync(int shard, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
