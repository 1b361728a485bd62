using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot reindex [--index DIR] [--no-semantic]</c>: validates the knowledge, writes the index and the vector cache.</summary>
internal static class ReindexCommand
{
    public static Command Create(CommandContext c)
    {
        var reindex = new Command("reindex", "Validate the knowledge folder and write the on-disk index and the vector cache") { c.Index, c.NoSemantic };
        reindex.SetAction(r => c.WithSettings(settings => Reindex(settings, r.GetValue(c.Knowledge), r.GetValue(c.Index), !r.GetValue(c.NoSemantic), c.Output, c.Error)));
        return reindex;
    }

    private static int Reindex(IConfiguration settings, string? knowledgeDir, string? indexDir, bool semantic, TextWriter output, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        var knowledge = KnowledgeAccess.Load(settings, knowledgeDir, error);
        var path = KnowledgeLocator.IndexPath(settings, indexDir);
        if (knowledge is null)
        {
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }

        try
        {
            LuceneIndex.BuildOnDisk(knowledge, path);
        }
        catch (KnowledgeValidationException e)
        {
            KnowledgeAccess.WriteErrors(e, error);
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }
        catch (IndexLockedException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indexed {knowledge.Documents.Count} document(s), {knowledge.Passages.Count} paragraphs in {clock.Elapsed.TotalSeconds:0.00} s into {path} (content {knowledge.ContentHash[..12]})."));

        // The vectors go to the cache the server and the other commands read, so they start without running the model.
        var semanticSettings = KnowledgeAccess.SemanticSettingsFor(settings, semantic);
        if (semanticSettings is not null)
        {
            clock.Restart();
            try
            {
                var vectors = SemanticIndex.Build(knowledge, semanticSettings.Encoder, semanticSettings.VectorCachePath);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Semantic vectors ({vectors.Model}): {vectors.Encoded} text(s) embedded, {vectors.Cached} from the cache, in {clock.Elapsed.TotalSeconds:0.00} s into {semanticSettings.VectorCachePath}."));
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
            {
                // The Lucene index is written; only the vectors' head start is lost, and the server computes them itself.
                error.WriteLine($"error: the semantic model could not run ({e.Message}); the index was written, the vector cache was not. --no-semantic skips it.");
                return Failed;
            }
        }

        return Ok;
    }
}
