using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;

namespace PakAzBot.Hosting;

/// <summary>
/// Rebuilds the index when a file under the knowledge folder changes, once the folder has been quiet for the
/// debounce interval (an editor's save is often several events). Off when Knowledge:Watch is false.
/// </summary>
/// <remarks>
/// A watch follows the folder it was put on, not its name: after <c>rm -rf</c> and a new folder, or a rename swap
/// (<c>mv new knowledge</c>, <c>ln -sfn</c>), it would watch nothing, or the old folder. So the parent folder is
/// watched too, for entries of the knowledge folder's name; when one comes or goes the watch is put on whatever now
/// has the name, and the index is rebuilt from it. A failed rebuild (the folder missing for a moment) leaves the
/// generation in service, and the watcher goes on.
/// </remarks>
internal sealed partial class KnowledgeWatcher(IOptions<KnowledgeOptions> options, IReindexer reindexer, ILogger<KnowledgeWatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _folderWatcher;
    private int _rearm;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Watch)
        {
            return;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(settings.Path));
        var name = Path.GetFileName(folder);
        var parent = Path.GetDirectoryName(folder);
        using var parentWatcher = parent is null ? null : Watch(parent, subfolders: false, (_, e) =>
        {
            if (e.Name == name || (e is RenamedEventArgs r && r.OldName == name))
            {
                Interlocked.Exchange(ref _rearm, 1);
                _changed.Release();
            }
        });

        Arm(folder);
        var quiet = TimeSpan.FromMilliseconds(settings.WatchDebounceMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(stoppingToken);
                while (await _changed.WaitAsync(quiet, stoppingToken))
                {
                    // Still changing: wait for the folder to settle.
                }

                if (Interlocked.Exchange(ref _rearm, 0) == 1)
                {
                    Arm(folder);
                }

                try
                {
                    await reindexer.ReindexAsync("watch", stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The rebuild reports its own refusals; this is anything else, and watching goes on.
                    LogReindexFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _folderWatcher, null)?.Dispose();
        }
    }

    public override void Dispose()
    {
        Interlocked.Exchange(ref _folderWatcher, null)?.Dispose();
        base.Dispose();
    }

    /// <summary>Puts the watch on the folder that now has the name, if any (none while it is being replaced).</summary>
    private void Arm(string folder)
    {
        Interlocked.Exchange(ref _folderWatcher, null)?.Dispose();
        if (!Directory.Exists(folder))
        {
            LogFolderMissing(folder);
            return;
        }

        _folderWatcher = Watch(folder, subfolders: true, (_, _) => _changed.Release());
    }

    private FileSystemWatcher? Watch(string path, bool subfolders, FileSystemEventHandler signal)
    {
        try
        {
            var watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = subfolders,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += signal;
            watcher.Created += signal;
            watcher.Deleted += signal;
            watcher.Renamed += (sender, e) => signal(sender, e);

            // The watch broke (its folder went away, or the system's event queue overflowed): watch afresh and rebuild.
            watcher.Error += (_, _) =>
            {
                Interlocked.Exchange(ref _rearm, 1);
                _changed.Release();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // A folder removed at this very moment, or the system's limit on watches reached: the server goes on without
            // this watch; the next change seen (or an admin reindex) rebuilds.
            LogWatchFailed(e, path);
            return null;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "The knowledge folder {Folder} is missing; the index in service stays, and the folder is watched for again")]
    private partial void LogFolderMissing(string folder);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Cannot watch {Path} for changes")]
    private partial void LogWatchFailed(Exception exception, string path);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "A rebuild started by a change in the knowledge folder failed; watching goes on")]
    private partial void LogReindexFailed(Exception exception);
}
