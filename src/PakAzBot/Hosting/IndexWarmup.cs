using Microsoft.Extensions.Hosting;
using PakAzBot.Core.Serving;

namespace PakAzBot.Hosting;

/// <summary>Builds the first index generation once the server listens; /healthz says 503 until it is live.</summary>
internal sealed class IndexWarmup(IReindexer reindexer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => reindexer.ReindexAsync("startup", stoppingToken);
}
