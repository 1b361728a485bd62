using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Commands;

/// <summary>
/// How the one-shot commands load the knowledge folder and search it: warnings and errors to standard error, an
/// index built (or opened) for the one command, and the semantic vectors computed now rather than in the background.
/// </summary>
internal static class KnowledgeAccess
{
    /// <summary>The knowledge the settings (or --knowledge) name, or null when it has errors (each written).</summary>
    public static KnowledgeBase? Load(IConfiguration settings, string? knowledgeDir, TextWriter error)
    {
        try
        {
            var knowledge = KnowledgeLoader.Load(KnowledgeLocator.KnowledgePath(settings, knowledgeDir));
            foreach (var warning in knowledge.Warnings)
            {
                error.WriteLine($"warning: {warning}");
            }

            return knowledge;
        }
        catch (KnowledgeValidationException e)
        {
            WriteErrors(e, error);
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on an index of the knowledge: the on-disk one at <paramref name="indexDir"/> when it
    /// matches, else one built in memory.
    /// </summary>
    public static int WithIndex(IConfiguration settings, string? knowledgeDir, string? indexDir, bool semantic, TextWriter error, Func<IPassageIndex, int> work)
    {
        var knowledge = Load(settings, knowledgeDir, error);
        if (knowledge is null)
        {
            return Cli.Failed;
        }

        try
        {
            // One-shot: whatever vectors the cache lacks are computed now (and cached), not in the background.
            SemanticIndex? vectors = null;
            if (SemanticSettingsFor(settings, semantic) is { } semanticSettings)
            {
                vectors = SemanticIndex.Build(knowledge, semanticSettings.Encoder, semanticSettings.VectorCachePath);
                if (vectors.Encoded > 0)
                {
                    error.WriteLine($"note: embedded {vectors.Encoded} new text(s) with {vectors.Model} into {semanticSettings.VectorCachePath}");
                }
            }

            LuceneIndex? index = null;
            if (indexDir is not null)
            {
                index = LuceneIndex.OpenOnDisk(knowledge, indexDir, vectors);
                if (index is null)
                {
                    error.WriteLine($"note: no index at {indexDir} matches the knowledge folder; building one in memory (run 'pakazbot reindex' to refresh it)");
                }
            }

            using var used = index ?? LuceneIndex.BuildInMemory(knowledge, vectors);
            return work(used);
        }
        catch (KnowledgeValidationException e)
        {
            WriteErrors(e, error);
            return Cli.Failed;
        }
    }

    /// <summary>The semantic settings from Search:Semantic and Search:VectorCache, or null when off (by them or by --no-semantic).</summary>
    public static SemanticSettings? SemanticSettingsFor(IConfiguration settings, bool wanted)
    {
        var options = new SearchOptions();
        settings.GetSection(SearchOptions.Section).Bind(options);
        return wanted ? SemanticSettings.From(options) : null;
    }

    public static void WriteErrors(KnowledgeValidationException e, TextWriter error)
    {
        foreach (var problem in e.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        error.WriteLine($"{e.Errors.Count} error(s) in the knowledge folder; nothing was loaded.");
    }
}
