using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Tests.Search;

/// <summary>
/// A stand-in model: each text gets a random unit vector seeded by the text's hash, so equal texts get equal vectors.
/// Counts the texts it embeds, and can hold them back until released, to watch the host while vectors are computed.
/// </summary>
internal sealed class FakeEncoder(string model = "fake-model") : ITextEncoder
{
    private readonly ManualResetEventSlim _open = new(initialState: true);

    public string Model { get; } = model;

    public int Dimensions => 384;

    /// <summary>Every text passed to <see cref="EncodeDocuments"/>, in order.</summary>
    public ConcurrentQueue<string> Encoded { get; } = new();

    public FakeEncoder Held()
    {
        _open.Reset();
        return this;
    }

    public void Release() => _open.Set();

    public float[] EncodeQuery(string question) => VectorOf("query: " + question);

    public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        _open.Wait(cancellationToken);
        foreach (var text in texts)
        {
            Encoded.Enqueue(text);
        }

        return texts.Select(VectorOf).ToArray();
    }

    public static float[] VectorOf(string text)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        var vector = new float[384];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}

/// <summary>Counts the texts the real model embeds for one test, over the process's one loaded model.</summary>
internal sealed class CountingEncoder(ITextEncoder inner) : ITextEncoder
{
    private int _documents;

    public int Documents => Volatile.Read(ref _documents);

    public string Model => inner.Model;

    public int Dimensions => inner.Dimensions;

    public float[] EncodeQuery(string question) => inner.EncodeQuery(question);

    public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _documents, texts.Count);
        return inner.EncodeDocuments(texts, cancellationToken);
    }
}
