namespace PakAzBot.Search.Semantic;

/// <summary>What a live index needs to build semantic vectors: the model and where its vectors are cached (null: nowhere).</summary>
public sealed record SemanticSettings(ITextEncoder Encoder, string? VectorCachePath)
{
    /// <summary>
    /// The settings for <paramref name="options"/>, or null when semantic search is off. The arctic-embed-xs model
    /// file is kept beside the vector cache (<c>VECTORCACHE.model/</c>), in the same writable place.
    /// </summary>
    public static SemanticSettings? From(SearchOptions options, ITextEncoder? encoder = null)
    {
        if (!options.Semantic)
        {
            return null;
        }

        encoder ??= ArcticXsEncoder.Shared;
        var cache = Path.GetFullPath(options.VectorCache);
        (encoder as ArcticXsEncoder)?.UseModelFolder(ArcticXsEncoder.ModelFolderFor(cache));
        return new SemanticSettings(encoder, cache);
    }
}
