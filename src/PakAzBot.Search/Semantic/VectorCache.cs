using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PakAzBot.Search.Semantic;

/// <summary>
/// The vectors a model made, on disk, keyed by the SHA-256 of the model's name and the text: a rebuild runs the model
/// only on texts it has not seen, and a restart on none. One instance serves one build: it reads the file, answers
/// lookups, and writes back exactly the entries that build used, so texts that left the knowledge leave the file.
/// </summary>
/// <remarks>
/// The file: the magic "PAKVEC01", the model name (length-prefixed UTF-8), the dimensions and the entry count (int32),
/// the entries (a 32-byte key, then the vector as little-endian float32), then the SHA-256 of everything before it.
/// A file that is short, altered, of another model or another format is ignored and replaced on the next write. It is
/// written to a temporary file beside it and renamed over it, so a reader never sees half a file and two processes
/// writing at once cannot interleave: the last rename wins, and either result is a whole, valid cache.
/// </remarks>
internal sealed partial class VectorCache
{
    private static readonly byte[] Magic = "PAKVEC01"u8.ToArray();
    private const int KeyBytes = 32;

    private readonly Dictionary<Key, float[]> _vectors;
    private readonly object _lock = new();
    private readonly ILogger _logger;
    private readonly int _loadedCount;
    private readonly bool _loadedIntact;
    private readonly byte[] _modelPrefix;
    private bool _added;

    private VectorCache(string? path, string model, int dimensions, Dictionary<Key, float[]> vectors, bool intact, ILogger logger)
    {
        Path = path;
        Model = model;
        Dimensions = dimensions;
        _vectors = vectors;
        _loadedCount = vectors.Count;
        _loadedIntact = intact;
        _logger = logger;
        _modelPrefix = [.. Encoding.UTF8.GetBytes(model), 0];
    }

    /// <summary>The file, or null for a cache kept in memory only.</summary>
    public string? Path { get; }

    public string Model { get; }

    public int Dimensions { get; }

    /// <summary>How many vectors the file held when it was read.</summary>
    public int LoadedCount => _loadedCount;

    /// <summary>Reads the cache at <paramref name="path"/>; missing, unreadable or foreign files give an empty cache.</summary>
    public static VectorCache Load(string? path, string model, int dimensions, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (path is null || !File.Exists(path))
        {
            return new VectorCache(path, model, dimensions, [], intact: true, logger);
        }

        try
        {
            var vectors = Read(File.ReadAllBytes(path), model, dimensions, out var reason);
            if (vectors is null)
            {
                LogIgnored(logger, path, reason!);
                return new VectorCache(path, model, dimensions, [], intact: false, logger);
            }

            return new VectorCache(path, model, dimensions, vectors, intact: true, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogIgnored(logger, path, e.Message);
            return new VectorCache(path, model, dimensions, [], intact: false, logger);
        }
    }

    public bool TryGet(string text, out float[] vector)
    {
        var key = KeyOf(text);
        lock (_lock)
        {
            return _vectors.TryGetValue(key, out vector!);
        }
    }

    /// <summary>The distinct texts among <paramref name="texts"/> that have no vector yet.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        lock (_lock)
        {
            foreach (var text in texts)
            {
                if (seen.Add(text) && !_vectors.ContainsKey(KeyOf(text)))
                {
                    missing.Add(text);
                }
            }
        }

        return missing;
    }

    public void Add(IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors)
    {
        lock (_lock)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (vectors[i].Length != Dimensions)
                {
                    throw new InvalidOperationException($"The {Model} encoder gave a vector of {vectors[i].Length} numbers, not {Dimensions}.");
                }

                _vectors[KeyOf(texts[i])] = vectors[i];
            }

            _added |= texts.Count > 0;
        }
    }

    /// <summary>
    /// Writes the vectors of <paramref name="keep"/> (and only those) to the file, unless the file already holds exactly
    /// them. A cache that cannot be written is logged and skipped: it only saves time, and answering does not need it.
    /// </summary>
    public void Save(IEnumerable<string> keep)
    {
        if (Path is null)
        {
            return;
        }

        List<(Key Key, float[] Vector)> entries;
        lock (_lock)
        {
            var keys = new HashSet<Key>();
            entries = [];
            foreach (var text in keep)
            {
                var key = KeyOf(text);
                if (keys.Add(key) && _vectors.TryGetValue(key, out var vector))
                {
                    entries.Add((key, vector));
                }
            }

            if (!_added && _loadedIntact && entries.Count == _loadedCount)
            {
                return;
            }
        }

        var temporary = Path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(file, entries);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotWritten(_logger, Path, e.Message);
            TryDelete(temporary);
        }
    }

    private void Write(Stream stream, List<(Key Key, float[] Vector)> entries)
    {
        // A SHA-256 passed as a CryptoStream's transform hashes what goes through and writes it on unchanged.
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(stream, sha, CryptoStreamMode.Write, leaveOpen: true))
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Model);
            writer.Write(Dimensions);
            writer.Write(entries.Count);
            Span<byte> key = stackalloc byte[KeyBytes];
            foreach (var (k, vector) in entries)
            {
                k.CopyTo(key);
                writer.Write(key);
                writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            }

            writer.Flush();
            hashing.FlushFinalBlock();
        }

        stream.Write(sha.Hash);
    }

    private static Dictionary<Key, float[]>? Read(byte[] bytes, string model, int dimensions, out string? reason)
    {
        reason = null;
        if (!BitConverter.IsLittleEndian)
        {
            reason = "this machine is big-endian";
            return null;
        }

        if (bytes.Length < Magic.Length + KeyBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            reason = "not a vector cache of this version";
            return null;
        }

        var body = bytes.AsSpan(0, bytes.Length - KeyBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - KeyBytes)))
        {
            reason = "its checksum does not match (truncated or damaged)";
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        var fileModel = reader.ReadString();
        var fileDimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (fileModel != model || fileDimensions != dimensions)
        {
            reason = $"it holds vectors of {fileModel} ({fileDimensions} dimensions), not {model} ({dimensions})";
            return null;
        }

        var offset = (int)reader.BaseStream.Position;
        var entryBytes = KeyBytes + (dimensions * sizeof(float));
        if (count < 0 || (long)count * entryBytes != body.Length - offset)
        {
            reason = "its entry count does not match its length";
            return null;
        }

        var vectors = new Dictionary<Key, float[]>(count);
        for (var i = 0; i < count; i++, offset += entryBytes)
        {
            var vector = MemoryMarshal.Cast<byte, float>(body.Slice(offset + KeyBytes, dimensions * sizeof(float))).ToArray();
            vectors[Key.From(body.Slice(offset, KeyBytes))] = vector;
        }

        return vectors;
    }

    private Key KeyOf(string text)
    {
        // The model's name, a zero byte, then the text, as UTF-8.
        var length = _modelPrefix.Length + Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[1024] : rented;
            _modelPrefix.CopyTo(buffer);
            var written = _modelPrefix.Length + Encoding.UTF8.GetBytes(text, buffer[_modelPrefix.Length..]);
            Span<byte> hash = stackalloc byte[KeyBytes];
            SHA256.HashData(buffer[..written], hash);
            return Key.From(hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
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
            // Left behind; harmless, and named so it is plainly a leftover.
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Vector cache {Path} ignored ({Reason}); the vectors will be computed again and the file rewritten")]
    private static partial void LogIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Vector cache {Path} not written ({Reason}); the next start computes the vectors again. Set Search:VectorCache to a writable path")]
    private static partial void LogNotWritten(ILogger logger, string path, string reason);

    /// <summary>A SHA-256, as four numbers so it hashes and compares cheaply.</summary>
    private readonly record struct Key(ulong A, ulong B, ulong C, ulong D)
    {
        public static Key From(ReadOnlySpan<byte> bytes) => new(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

        public void CopyTo(Span<byte> bytes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], B);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], C);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], D);
        }
    }
}
