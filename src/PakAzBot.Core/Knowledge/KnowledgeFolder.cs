using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PakAzBot.Core.Knowledge;

/// <summary>A file the loader reads: <see cref="Name"/> is what errors call it (relative to the folder), <see cref="RealPath"/> what is read.</summary>
public sealed record KnowledgeFile(string Name, string RealPath);

/// <summary>
/// Finds and reads the files of a knowledge folder so that no file in it can hurt the process: every path is resolved,
/// a link that leaves the folder or leads nowhere is refused, what is not a regular file (a pipe, a socket, a device) is
/// skipped without being opened for a blocking read, nothing larger than <see cref="MaxFileBytes"/> is read, and a file
/// that vanishes or cannot be read is an error, never an exception.
/// </summary>
public static partial class KnowledgeFolder
{
    /// <summary>No source article comes near this; the limit keeps a mistaken file (a video, a log) from exhausting memory.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    // Links are followed at most this many times for one path, as the kernel does (ELOOP).
    private const int MaxLinkHops = 40;

    /// <summary>The real path of <paramref name="path"/> with every link in it resolved, or null when it leads nowhere (or loops).</summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops <= MaxLinkHops; hops++)
        {
            var root = Path.GetPathRoot(full)!;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? restart = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var next = Path.Combine(current, parts[i]);
                var target = new FileInfo(next).LinkTarget;
                if (target is not null)
                {
                    var resolved = Path.GetFullPath(target, current);
                    restart = parts.Length > i + 1 ? Path.Combine([resolved, .. parts[(i + 1)..]]) : resolved;
                    break;
                }

                if (!File.Exists(next) && !Directory.Exists(next))
                {
                    return null;
                }

                current = next;
            }

            if (restart is null)
            {
                return current;
            }

            full = restart;
        }

        return null;
    }

    /// <summary>
    /// The Markdown documents under <paramref name="realRoot"/> (itself a real path), ordered by name. Hidden files and
    /// folders and README.md are left out. Problems go to <paramref name="errors"/>, skipped files to <paramref name="warnings"/>.
    /// </summary>
    public static List<KnowledgeFile> Documents(string realRoot, List<KnowledgeError> errors, List<KnowledgeError> warnings)
    {
        var found = new List<KnowledgeFile>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { realRoot };
        var pending = new Stack<(string Real, string Name)>();
        pending.Push((realRoot, ""));
        while (pending.Count > 0)
        {
            var (directory, prefix) = pending.Pop();
            List<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new KnowledgeError(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), 0, Unreadable(e, "folder")));
                continue;
            }

            foreach (var entry in entries)
            {
                // Hidden files and folders are not knowledge: an editor's swap files, or the timestamped copies and "..data"
                // link that Kubernetes puts beside the files of a mounted ConfigMap, which would otherwise load every document twice.
                var leaf = Path.GetFileName(entry);
                if (leaf.StartsWith('.') || leaf.Equals("README.md", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = prefix + leaf;
                var real = Resolve(realRoot, entry, name, errors);
                if (real is null)
                {
                    continue;
                }

                if (Directory.Exists(real))
                {
                    // A link to a folder already walked (or to one above it) would load its documents twice, or forever.
                    if (visited.Add(real))
                    {
                        pending.Push((real, name + "/"));
                    }
                }
                else if (leaf.EndsWith(".md", StringComparison.Ordinal))
                {
                    found.Add(new KnowledgeFile(name, real));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    /// <summary>
    /// The real path of <paramref name="path"/> (inside <paramref name="realRoot"/>): itself when it is no link, its
    /// target when it is a link to somewhere inside the folder; null, with an error, for a link out of it or to nothing.
    /// </summary>
    public static string? Resolve(string realRoot, string path, string name, List<KnowledgeError> errors)
    {
        string? target;
        try
        {
            target = new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new KnowledgeError(name, 0, Unreadable(e, "file")));
            return null;
        }

        if (target is null)
        {
            return path;
        }

        var real = RealPath(path);
        if (real is null)
        {
            errors.Add(new KnowledgeError(name, 0,
                $"the link points to {target}, which does not exist; restore its target or remove the link"));
            return null;
        }

        if (!IsInside(realRoot, real))
        {
            errors.Add(new KnowledgeError(name, 0,
                $"the link points to {real}, outside the knowledge folder; only what is inside the folder is read, so copy the document into it instead"));
            return null;
        }

        return real;
    }

    /// <summary>
    /// The bytes of a regular file; null with a warning when it is not one (it is then skipped), or with an error when
    /// it cannot be read, vanished or is too large. A pipe is opened without waiting for a writer, and never read.
    /// </summary>
    public static byte[]? Read(KnowledgeFile file, List<KnowledgeError> errors, List<KnowledgeError> warnings)
    {
        try
        {
            using var handle = OpenWithoutBlocking(file.RealPath);
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (!stream.CanSeek)
            {
                warnings.Add(new KnowledgeError(file.Name, 0, NotRegular));
                return null;
            }

            if (stream.Length > MaxFileBytes)
            {
                errors.Add(new KnowledgeError(file.Name, 0,
                    $"the file is {stream.Length / (1024 * 1024)} MiB; a document may be at most {MaxFileBytes / (1024 * 1024)} MiB, so split it into several"));
                return null;
            }

            // The length is read again as the bytes come: a file that grows while it is read is still bounded.
            using var memory = new MemoryStream();
            var buffer = new byte[81920];
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                memory.Write(buffer, 0, count);
                if (memory.Length > MaxFileBytes)
                {
                    errors.Add(new KnowledgeError(file.Name, 0,
                        $"the file is larger than {MaxFileBytes / (1024 * 1024)} MiB; a document may be at most that, so split it into several"));
                    return null;
                }
            }

            return memory.ToArray();
        }
        catch (NotRegularFileException)
        {
            warnings.Add(new KnowledgeError(file.Name, 0, NotRegular));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new KnowledgeError(file.Name, 0, Unreadable(e, "file")));
            return null;
        }
    }

    private const string NotRegular =
        "not a regular file (a pipe, a socket or a device), so it was skipped; put documents in ordinary files";

    private static bool IsInside(string realRoot, string real) =>
        real.Equals(realRoot, StringComparison.Ordinal)
        || real.StartsWith(realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Unreadable(Exception e, string what) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            $"the {what} vanished while the folder was being read (deleted or renamed meanwhile), so nothing was loaded; run the reindex again once the folder has settled",
        UnauthorizedAccessException =>
            $"the {what} cannot be read: permission denied; make it readable by the user the bot runs as",
        _ => $"the {what} cannot be read ({e.Message}); check it, or remove it from the folder",
    };

    /// <summary>
    /// Opens a file for reading without blocking: the ordinary open of a pipe waits for a writer, forever if none comes.
    /// .NET has no flag for that, so on Linux and macOS it is libc's open with O_NONBLOCK (which regular files ignore).
    /// </summary>
    private static SafeFileHandle OpenWithoutBlocking(string path)
    {
        int nonBlocking, closeOnExec;
        if (OperatingSystem.IsLinux())
        {
            (nonBlocking, closeOnExec) = (0x800, 0x80000);
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            (nonBlocking, closeOnExec) = (0x4, OperatingSystem.IsMacOS() ? 0x1000000 : 0x100000);
        }
        else
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        var fd = Open(path, nonBlocking | closeOnExec);
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            2 => new FileNotFoundException(message, path),                 // ENOENT
            13 or 1 => new UnauthorizedAccessException(message),          // EACCES, EPERM
            // ENXIO, or EOPNOTSUPP (95 on Linux, 102 on macOS): a socket.
            6 => new NotRegularFileException(),
            95 when OperatingSystem.IsLinux() => new NotRegularFileException(),
            102 when !OperatingSystem.IsLinux() => new NotRegularFileException(),
            _ => new IOException(message),
        };
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    private sealed class NotRegularFileException : IOException;
}
