using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Dense vectors of every paragraph and sentence of a knowledge base, from a sentence-embedding model, with
/// brute-force cosine similarity. Derived data, like the Lucene index: rebuilt from the knowledge folder, cached
/// on disk by a hash of each text. Implementations are safe to use from many threads at once.
/// </summary>
public interface ISemanticIndex
{
    /// <summary>Which model made the vectors ("arctic-embed-xs"), for <c>--explain</c> and health.</summary>
    string Model { get; }

    /// <summary>The question's vector, unit length (the model's query prefix, if it has one, is added here).</summary>
    float[] EncodeQuery(string question);

    /// <summary>The <paramref name="count"/> paragraphs nearest the query vector, best first; scores are cosines.</summary>
    IReadOnlyList<PassageHit> Nearest(ReadOnlySpan<float> query, int count);

    /// <summary>Cosine between the query vector and the paragraph's vector.</summary>
    float Similarity(ReadOnlySpan<float> query, Passage passage);

    /// <summary>Cosine between the query vector and the vector of sentence <paramref name="sentence"/> (0-based) of the paragraph.</summary>
    float SentenceSimilarity(ReadOnlySpan<float> query, Passage passage, int sentence);
}
