using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Rendering;
using PakAzBot.Feedback;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>
/// <c>pakazbot feedback</c>: the 👍/👎 votes and the picks among suggestions, summarized for moderators;
/// <c>feedback import</c> (old JSON-lines logs into the store) and <c>feedback export --jsonl</c> (picks as eval items).
/// </summary>
internal static class FeedbackCommand
{
    public static Command Create(CommandContext c)
    {
        Option<string?> File() => new("--file")
        {
            Description = "Read this SQLite database, or JSON-lines log (*.jsonl), instead of the configured store (ConnectionStrings:Feedback, else Feedback:Path, else ./feedback.db)",
        };
        var summaryFile = File();
        var feedback = new Command("feedback", "Summarize the 👍/👎 votes, worst-rated passages first, and the picks among suggested passages") { summaryFile };
        feedback.SetAction(r => c.WithSettings(settings => FeedbackReader.WithFeedback(settings, r.GetValue(summaryFile), c.Error, read => FeedbackSummaryWriter.Write(read, c.Output))));

        var importFile = new Argument<string>("file") { Description = "A JSON-lines feedback log of an earlier version, such as /data/feedback.jsonl" };
        var import = new Command("import", "Import a JSON-lines feedback log into the configured store (a log already imported is skipped)") { importFile };
        import.SetAction(r => c.WithSettings(settings => Import(settings, r.GetValue(importFile)!, c.Output, c.Error)));
        feedback.Add(import);

        var jsonl = new Option<bool>("--jsonl") { Description = "Write JSON lines in the format of pakazbot eval (the only format)" };
        var exportOutput = new Option<string?>("--output") { Description = "Write to this file (which must not exist yet) instead of standard output" };
        var exportFile = File();
        var export = new Command("export", "Write the picks as eval questions: a picked passage as an answerable item, \"none of these\" as one to decline (tags from-feedback, picked / none-of-these)")
        {
            jsonl, exportOutput, exportFile,
        };
        export.SetAction(r =>
        {
            if (!r.GetValue(jsonl))
            {
                c.Error.WriteLine("error: give the format: pakazbot feedback export --jsonl [--output FILE]");
                return Usage;
            }

            return c.WithSettings(settings => FeedbackReader.WithFeedback(settings, r.GetValue(exportFile), c.Error,
                read => Export(settings, r.GetValue(c.Knowledge), read, r.GetValue(exportOutput), c.Output, c.Error)));
        });
        feedback.Add(export);
        return feedback;
    }

    private static int Export(IConfiguration settings, string? knowledgeDir, FeedbackRead read, string? path, TextWriter output, TextWriter error)
    {
        if (path is not null && System.IO.File.Exists(path))
        {
            error.WriteLine($"error: {Path.GetFullPath(path)} already exists; remove it or pass --output another path");
            return Failed;
        }

        // The excerpts are checked against the sources as they are now, so each one finds its paragraph alone.
        var knowledge = KnowledgeAccess.Load(settings, knowledgeDir, error);
        if (knowledge is null)
        {
            return Failed;
        }

        var export = FeedbackExport.Build(read.Picks, knowledge);
        var lines = string.Concat(export.Items.Select(i => i.ToJsonString(JsonContract.Compact) + "\n"));
        if (path is null)
        {
            output.Write(lines);
        }
        else
        {
            System.IO.File.WriteAllText(path, lines);
        }

        error.WriteLine($"Exported {export.Items.Count} question(s) from the {read.From}: {export.Picked} with a picked passage, {export.NoneOfThese} “{MarkdownRenderer.NoneOfThese.ToLowerInvariant()}”"
            + (path is null ? "." : $", to {Path.GetFullPath(path)}."));
        if (export.MissingPassages.Count > 0)
        {
            error.WriteLine($"note: left out the picks of {export.MissingPassages.Count} passage(s) no longer in the sources: {string.Join(", ", export.MissingPassages)}");
        }

        return Ok;
    }

    private static int Import(IConfiguration settings, string file, TextWriter output, TextWriter error)
    {
        if (!System.IO.File.Exists(file))
        {
            error.WriteLine($"error: {Path.GetFullPath(file)} does not exist: give the path of a JSON-lines feedback log");
            return Failed;
        }

        try
        {
            return CommandContext.WithStore(CommandContext.FeedbackStore(settings).Store, store =>
            {
                var import = store.ImportAsync(file).GetAwaiter().GetResult();
                output.WriteLine(import.AlreadyImportedAt is { } at
                    ? $"{import.Source} was already imported into the {store.Location} on {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({import.Read} entries); nothing to do."
                    : $"Imported {import.Source} into the {store.Location}: {import.Read} entries read, {import.Written} written, {import.Skipped} older than or the same as a stored vote.");
                return Ok;
            });
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}; nothing was imported: correct or delete that line and import again");
            return Failed;
        }
        catch (Exception e) when (e is FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}" + (e is DbException ? "; check ConnectionStrings:Feedback or Feedback:Path" : ""));
            return Failed;
        }
    }
}
