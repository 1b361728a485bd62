namespace PakAzBot.Search.Semantic;

/// <summary>Settings under "Search".</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// Where the vector cache goes unless <see cref="VectorCache"/> says otherwise: beside the default on-disk index
    /// folder (<c>./index</c>) rather than inside it, because <c>pakazbot reindex</c> replaces that folder whole.
    /// </summary>
    public const string DefaultVectorCache = "index.vectors";

    /// <summary>Build the semantic vectors (sentence embeddings) beside the BM25 index; false serves BM25 alone.</summary>
    public bool Semantic { get; set; } = true;

    /// <summary>The vector cache file; a relative path is taken from the current folder.</summary>
    public string VectorCache { get; set; } = DefaultVectorCache;
}
