using Lucene.Net.Index;
using Lucene.Net.Store;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Search;

/// <summary>The index on disk: built beside the old one and swapped in under a lock, and opened only when it matches the knowledge.</summary>
public sealed partial class LuceneIndex
{
    /// <summary>
    /// Builds an index on disk in <paramref name="path"/>, replacing what is there only once the new one is complete,
    /// so a failed build leaves the previous index in place.
    /// </summary>
    /// <remarks>
    /// Builds into the same path take turns: each holds <c>PATH.lock</c> from the removal of leftovers to the swap, so
    /// one never removes another's folder in the making. A build that cannot have the lock within
    /// <paramref name="lockTimeout"/> (a minute by default) throws <see cref="IndexLockedException"/> and changes nothing.
    /// </remarks>
    public static void BuildOnDisk(KnowledgeBase knowledge, string path, TimeSpan? lockTimeout = null)
    {
        var target = Path.GetFullPath(path);
        using var held = Lock(target, lockTimeout ?? TimeSpan.FromMinutes(1));
        RemoveLeftovers(target);
        var building = target + ".building-" + Guid.NewGuid().ToString("N")[..8];
        var analyzers = Analyzers.Create(knowledge);
        try
        {
            using (var directory = new NIOFSDirectory(new DirectoryInfo(building)))
            {
                Write(knowledge, directory, analyzers.Writing);
            }

            var retired = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Move(target, retired);
            }

            System.IO.Directory.Move(building, target);
            if (System.IO.Directory.Exists(retired))
            {
                System.IO.Directory.Delete(retired, recursive: true);
            }
        }
        finally
        {
            analyzers.Dispose();
            if (System.IO.Directory.Exists(building))
            {
                System.IO.Directory.Delete(building, recursive: true);
            }
        }
    }

    /// <summary>
    /// Takes the lock file beside the index: opened for exclusive use, which the operating system grants to one process
    /// at a time (an advisory lock on Unix) and releases when the process ends, however it ends. The file itself stays.
    /// </summary>
    private static FileStream Lock(string target, TimeSpan timeout)
    {
        var path = target + ".lock";
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IndexLockedException(
                    $"another reindex is writing the index at {target} (it holds {path}); wait for it to finish and run this one again", e);
            }
        }
    }

    /// <summary>Removes what a build killed halfway left beside the index: its unfinished or retired folders.</summary>
    private static void RemoveLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !System.IO.Directory.Exists(parent))
        {
            return;
        }

        var name = Path.GetFileName(target);
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(parent, name + ".*")
                     .Where(d => Path.GetFileName(d).StartsWith(name + ".building-", StringComparison.Ordinal)
                                 || Path.GetFileName(d).StartsWith(name + ".old-", StringComparison.Ordinal)))
        {
            System.IO.Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>Opens an index written by <see cref="BuildOnDisk"/>; null when it is missing or was built from other knowledge.</summary>
    public static LuceneIndex? OpenOnDisk(KnowledgeBase knowledge, string path, ISemanticIndex? semantic = null)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return null;
        }

        var directory = new NIOFSDirectory(new DirectoryInfo(path));
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                directory.Dispose();
                return null;
            }

            var commits = DirectoryReader.ListCommits(directory);
            var hash = commits[^1].UserData.TryGetValue(ContentHashKey, out var h) ? h : null;
            if (hash != knowledge.ContentHash || (commits[^1].UserData.TryGetValue(AnalysisKey, out var analysis) ? analysis : null) != AnalysisVersion)
            {
                directory.Dispose();
                return null;
            }

            return new LuceneIndex(knowledge, directory, Analyzers.Create(knowledge), semantic);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }
}
