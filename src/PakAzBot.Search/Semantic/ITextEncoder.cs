namespace PakAzBot.Search.Semantic;

/// <summary>
/// A sentence-embedding model: text in, a unit-length vector out. Separate from <see cref="SemanticIndex"/> so
/// tests can count or hold back the model's work, and so a benchmark can put another model in its place.
/// Implementations are safe to call from many threads at once.
/// </summary>
public interface ITextEncoder
{
    /// <summary>The model's name; part of every vector-cache key, so vectors of different models never mix.</summary>
    string Model { get; }

    /// <summary>The length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>A question's vector, with whatever the model wants in front of a search query.</summary>
    float[] EncodeQuery(string question);

    /// <summary>The vectors of passages to be searched, in the order given.</summary>
    float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
