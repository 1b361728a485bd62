using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Rendering;
using PakAzBot.Feedback;

namespace PakAzBot;

/// <summary>
/// <c>pakazbot feedback</c>: the 👍/👎 votes and the picks among suggestions, summarized for moderators;
/// <c>feedback import</c> (old JSON-lines logs into the store) and <c>feedback export --jsonl</c> (picks as eval items).
/// </summary>
public static partial class Cli
{
    /// <summary>What the feedback commands read: the votes and picks, from where, or the database that is not there yet.</summary>
    private sealed record FeedbackRead(IReadOnlyList<FeedbackEntry> Votes, IReadOnlyList<PickEntry> Picks, string From, string? Missing = null);

    internal static Command FeedbackCommand(Func<Func<IConfiguration, int>, int> withSettings, Option<string?> knowledgeOption, TextWriter output, TextWriter error)
    {
        Option<string?> File() => new("--file")
        {
            Description = "Read this SQLite database, or JSON-lines log (*.jsonl), instead of the configured store (ConnectionStrings:Feedback, else Feedback:Path, else ./feedback.db)",
        };
        var summaryFile = File();
        var feedback = new Command("feedback", "Summarize the 👍/👎 votes, worst-rated passages first, and the picks among suggested passages") { summaryFile };
        feedback.SetAction(r => withSettings(settings => WithFeedback(settings, r.GetValue(summaryFile), error, read => FeedbackSummaryOf(read, output))));

        var importFile = new Argument<string>("file") { Description = "A JSON-lines feedback log of an earlier version, such as /data/feedback.jsonl" };
        var import = new Command("import", "Import a JSON-lines feedback log into the configured store (a log already imported is skipped)") { importFile };
        import.SetAction(r => withSettings(settings => FeedbackImport(settings, r.GetValue(importFile)!, output, error)));
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
                error.WriteLine("error: give the format: pakazbot feedback export --jsonl [--output FILE]");
                return Usage;
            }

            return withSettings(settings => WithFeedback(settings, r.GetValue(exportFile), error,
                read => FeedbackExportTo(settings, r.GetValue(knowledgeOption), read, r.GetValue(exportOutput), output, error)));
        });
        feedback.Add(export);
        return feedback;
    }

    /// <summary>
    /// Reads the votes and picks (a .jsonl log has votes only) and hands them to <paramref name="work"/>. A command
    /// that only reads creates no database: a SQLite file not there yet is read as empty, or as the old log beside it.
    /// </summary>
    private static int WithFeedback(IConfiguration settings, string? file, TextWriter error, Func<FeedbackRead, int> work)
    {
        string? store = null;
        try
        {
            if (file is not null && file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                if (!System.IO.File.Exists(file))
                {
                    error.WriteLine($"error: {Path.GetFullPath(file)} does not exist");
                    return Failed;
                }

                return work(new FeedbackRead(FeedbackLog.Read(file), [], "JSON-lines log " + Path.GetFullPath(file)));
            }

            var setup = file is not null
                ? new FeedbackSetup(new SqliteFeedbackStore(file), null, null)
                : FeedbackStores.Choose(Bind<FeedbackOptions>(settings, FeedbackOptions.Section), Bind<FeedbackConnectionStrings>(settings, FeedbackConnectionStrings.Section));
            if (setup.Store is SqliteFeedbackStore sqlite && !System.IO.File.Exists(sqlite.Path))
            {
                if (file is null && setup.LegacyLog is { } log && System.IO.File.Exists(log))
                {
                    return work(new FeedbackRead(FeedbackLog.Read(log), [], $"JSON-lines log {log}, which the server imports into {sqlite.Path} at its next start"));
                }

                if (file is not null)
                {
                    error.WriteLine($"error: {sqlite.Path} does not exist");
                    return Failed;
                }

                return work(new FeedbackRead([], [], sqlite.Location, Missing: sqlite.Path));
            }

            FeedbackRead read;
            using (setup.Store as IDisposable)
            {
                store = setup.Store.Location;
                setup.Store.MigrateAsync().GetAwaiter().GetResult();
                read = new FeedbackRead(setup.Store.ReadAllAsync().GetAwaiter().GetResult(), setup.Store.ReadPicksAsync().GetAwaiter().GetResult(), setup.Store.Location);
            }

            return work(read);
        }
        catch (Exception e) when (e is FormatException or FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {(store is null || e is not DbException ? "" : $"cannot read the feedback {store}: ")}{e.Message}"
                + (e is DbException ? "; check ConnectionStrings:Feedback or Feedback:Path (or --file)" : ""));
            return Failed;
        }
    }

    private static int FeedbackSummaryOf(FeedbackRead read, TextWriter output)
    {
        if (read.Missing is { } path)
        {
            output.WriteLine($"No feedback yet ({path} does not exist).");
            return Ok;
        }

        var summary = FeedbackSummary.Summarize(read.Votes);
        output.WriteLine($"{summary.Sum(p => p.Up + p.Down)} vote(s) on {summary.Count} passage(s): {summary.Sum(p => p.Up)} 👍, {summary.Sum(p => p.Down)} 👎 (from the {read.From})");
        foreach (var passage in summary)
        {
            output.WriteLine($"  {passage.PassageId}: {passage.Up} 👍 {passage.Down} 👎{(passage.Questions.Count == 0 ? "" : " — asked as: " + string.Join(" | ", passage.Questions))}");
        }

        if (read.Picks.Count == 0)
        {
            return Ok;
        }

        var picks = PickSummary.Summarize(read.Picks);
        output.WriteLine();
        output.WriteLine($"{picks.Picks + picks.NoneOfThese} pick(s) among suggested passages: {picks.Picks} of a passage, {picks.NoneOfThese} “{MarkdownRenderer.NoneOfThese.ToLowerInvariant()}” (pakazbot feedback export --jsonl makes eval questions of them)");
        if (picks.Passages.Count > 0)
        {
            output.WriteLine("Most-picked passages:");
            foreach (var passage in picks.Passages)
            {
                output.WriteLine($"  {passage.PassageId}: picked {passage.Picks} time(s) — for: {string.Join(" | ", passage.Questions)}");
            }
        }

        if (picks.Unanswered.Count > 0)
        {
            output.WriteLine($"{MarkdownRenderer.NoneOfThese} answered:");
            foreach (var question in picks.Unanswered)
            {
                output.WriteLine($"  {question}");
            }
        }

        return Ok;
    }

    private static int FeedbackExportTo(IConfiguration settings, string? knowledgeDir, FeedbackRead read, string? path, TextWriter output, TextWriter error)
    {
        if (path is not null && System.IO.File.Exists(path))
        {
            error.WriteLine($"error: {Path.GetFullPath(path)} already exists; remove it or pass --output another path");
            return Failed;
        }

        // The excerpts are checked against the sources as they are now, so each one finds its paragraph alone.
        var knowledge = Load(settings, knowledgeDir, error);
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

    private static int FeedbackImport(IConfiguration settings, string file, TextWriter output, TextWriter error)
    {
        if (!System.IO.File.Exists(file))
        {
            error.WriteLine($"error: {Path.GetFullPath(file)} does not exist: give the path of a JSON-lines feedback log");
            return Failed;
        }

        try
        {
            var setup = FeedbackStores.Choose(Bind<FeedbackOptions>(settings, FeedbackOptions.Section), Bind<FeedbackConnectionStrings>(settings, FeedbackConnectionStrings.Section));
            using (setup.Store as IDisposable)
            {
                setup.Store.MigrateAsync().GetAwaiter().GetResult();
                var import = setup.Store.ImportAsync(file).GetAwaiter().GetResult();
                output.WriteLine(import.AlreadyImportedAt is { } at
                    ? $"{import.Source} was already imported into the {setup.Store.Location} on {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({import.Read} entries); nothing to do."
                    : $"Imported {import.Source} into the {setup.Store.Location}: {import.Read} entries read, {import.Written} written, {import.Skipped} older than or the same as a stored vote.");
                return Ok;
            }
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
