using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;

namespace PakAzBot.Hosting;

/// <summary>
/// Rebuilds the index when a file under the knowledge folder changes, once the folder has been quiet for the
/// debounce interval (an editor's save is often several events). Off when Knowledge:Watch is false.
/// </summary>
internal sealed class KnowledgeWatcher(IOptions<KnowledgeOptions> options, IReindexer reindexer) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Watch)
        {
            return;
        }

        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetFullPath(settings.Path))
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler signal = (_, _) => changed.Release();
        watcher.Changed += signal;
        watcher.Created += signal;
        watcher.Deleted += signal;
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;

        var quiet = TimeSpan.FromMilliseconds(settings.WatchDebounceMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken);
                while (await changed.WaitAsync(quiet, stoppingToken))
                {
                    // Still changing: wait for the folder to settle.
                }

                await reindexer.ReindexAsync("watch", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
