using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Runs the Gateway shards this replica holds: asks Discord where to connect and how many shards it recommends, then
/// every poll renews its shard leases, starts a <see cref="ShardConnection"/> for each shard it takes and stops those
/// it gives up or loses.
/// </summary>
internal sealed partial class GatewayService(
    DiscordRestClient rest,
    IShardLeases leases,
    GatewayQuestions questions,
    GatewayStatus status,
    GatewayTimings timings,
    IOptions<DiscordOptions> discord,
    IOptions<DiscordGatewayOptions> options,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<GatewayService>();
    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Run)> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = await GatewayInfoAsync(stoppingToken);
        if (info is null)
        {
            return;
        }

        var shardCount = options.Value.Shards ?? info.Shards;
        status.ShardCount = shardCount;
        status.Coordination = leases.Coordination;
        LogStarting(shardCount, options.Value.Shards is null ? "Discord's recommendation" : "Discord:Gateway:Shards", leases.Coordination,
            leases is ProcessShardLeases ? "this process holds every shard (set ConnectionStrings:Coordination or a PostgreSQL ConnectionStrings:Feedback to share them among replicas)" : "shards are shared among the replicas on that database");
        var identify = new IdentifyQueue(info, timings, clock, _logger);
        var poll = TimeSpan.FromSeconds(options.Value.ClaimPollSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RoundAsync(shardCount, info.Url, identify, stoppingToken);
                await Task.Delay(poll, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var shard in _running.Keys.ToList())
            {
                await StopAsync(shard);
            }

            await leases.DisposeAsync();
        }
    }

    private async Task RoundAsync(int shardCount, string url, IdentifyQueue identify, CancellationToken stoppingToken)
    {
        LeaseRound round;
        try
        {
            round = await leases.RenewAsync(shardCount, _running.Keys.ToList(), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLeasesFailed(e, e.Message);
            round = new LeaseRound(true, 0, []);
        }

        var before = _running.Keys.Order().ToList();
        if (round.Lost)
        {
            foreach (var shard in before)
            {
                await StopAsync(shard);
            }
        }

        // Beyond the share (a replica joined): the highest shards go, each stopped before its lease is let go.
        foreach (var shard in _running.Keys.OrderDescending().Take(Math.Max(0, _running.Count - round.Share)).ToList())
        {
            await StopAsync(shard);
            await leases.ReleaseAsync(shard, stoppingToken);
        }

        foreach (var shard in round.Acquired)
        {
            Start(shard, shardCount, url, identify, stoppingToken);
        }

        var after = _running.Keys.Order().ToList();
        if (!after.SequenceEqual(before))
        {
            LogHolding(after.Count == 0 ? "none" : string.Join(", ", after), shardCount);
        }
    }

    private void Start(int shard, int shardCount, string url, IdentifyQueue identify, CancellationToken stoppingToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var connection = new ShardConnection(shard, shardCount, url, discord.Value.BotToken!, identify, timings, clock, status.Add(shard),
            questions.OnDispatch, loggers.CreateLogger<ShardConnection>());
        _running[shard] = (stop, Task.Run(() => connection.RunAsync(stop.Token), CancellationToken.None));
    }

    private async Task StopAsync(int shard)
    {
        if (!_running.Remove(shard, out var running))
        {
            return;
        }

        await running.Stop.CancelAsync();
        await Task.WhenAny(running.Run, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        running.Stop.Dispose();
        status.Remove(shard);
    }

    /// <summary>GET /gateway/bot, tried again with back-off until it answers; null when the token is refused.</summary>
    private async Task<GatewayInfo?> GatewayInfoAsync(CancellationToken stoppingToken)
    {
        var wait = timings.ReconnectFirst;
        while (true)
        {
            try
            {
                return await rest.GetGatewayBotAsync(stoppingToken);
            }
            catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                status.Problem = "Discord refused Discord:BotToken (GET /gateway/bot answered " + (int)e.StatusCode! + "): copy the token again from the Developer Portal's Bot page";
                LogStopped(status.Problem);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogGatewayInfoFailed(e.Message, wait);
            }

            await Task.Delay(wait, clock, stoppingToken);
            wait = wait * 2 < timings.ReconnectMax ? wait * 2 : timings.ReconnectMax;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: {Shards} shard(s) ({Source}); coordination: {Coordination}: {How}")]
    private partial void LogStarting(int shards, string source, string coordination, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway: this replica now holds shard(s) {Shards} of {Count}")]
    private partial void LogHolding(string shards, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: the shard leases could not be renewed ({Reason}); the shards held are stopped until they are")]
    private partial void LogLeasesFailed(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord Gateway stopped: {Problem}")]
    private partial void LogStopped(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway: GET /gateway/bot failed ({Reason}); trying again in {Wait}")]
    private partial void LogGatewayInfoFailed(string reason, TimeSpan wait);
}
