namespace PakAzBot.Search.Semantic;

/// <summary>What a live index needs to build semantic vectors: the model and where its vectors are cached (null: nowhere).</summary>
public sealed record SemanticSettings(ITextEncoder Encoder, string? VectorCachePath)
{
    /// <summary>The settings for <paramref name="options"/>, or null when semantic search is off.</summary>
    public static SemanticSettings? From(SearchOptions options, ITextEncoder? encoder = null) =>
        options.Semantic ? new SemanticSettings(encoder ?? ArcticXsEncoder.Shared, Path.GetFullPath(options.VectorCache)) : null;
}
