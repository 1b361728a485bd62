using System.CommandLine;
using PakAzBot.Core.Rendering;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot sources [--json]</c>: the documents, with their metadata and paragraph counts.</summary>
internal static class SourcesCommand
{
    public static Command Create(CommandContext c)
    {
        var sources = new Command("sources", "The documents, with their metadata and paragraph counts") { c.Json };
        sources.SetAction(r => c.WithSettings(settings =>
        {
            var knowledge = KnowledgeAccess.Load(settings, r.GetValue(c.Knowledge), c.Error);
            return knowledge is null ? Failed : Write(knowledge, r.GetValue(c.Json), c.Output);
        }));
        return sources;
    }

    private static int Write(Core.Knowledge.KnowledgeBase knowledge, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonContract.Sources(knowledge).ToJsonString(JsonContract.Compact));
            return Ok;
        }

        foreach (var d in knowledge.Documents)
        {
            output.WriteLine($"{d.Id}: {d.Title} — {d.Publisher}, {MarkdownRenderer.Day(d.Published)} ({d.Paragraphs.Count} paragraphs){(d.Url is null ? "" : " " + d.Url)}");
        }

        return Ok;
    }
}
