using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Moderation;
using PakAzBot.Feedback;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>
/// <c>pakazbot documents add FILE [--dry-run] [--yes]</c>, <c>documents remove ID</c> and <c>documents log</c>: the
/// moderators' document changes from the command line, with the same review as in chat, made into the knowledge
/// source the settings name (Knowledge:Source) and recorded in the audit trail beside the feedback.
/// </summary>
internal static class DocumentsCommand
{
    public static Command Create(CommandContext c)
    {
        Option<bool> DryRun() => new("--dry-run") { Description = "Show the review only; change nothing" };
        Option<bool> Yes() => new("--yes") { Description = "Apply without asking (the review is still printed, and a review with problems is never applied)" };

        var file = new Argument<FileInfo>("file") { Description = "The Markdown document (.md, at most 1 MB)" };
        var addDry = DryRun();
        var addYes = Yes();
        var add = new Command("add", "Review a document and add it (or replace the document with its id)") { file, addDry, addYes };
        add.SetAction(r => c.WithSettings(settings => DocumentChange.Run(settings, r.GetValue(c.Knowledge), r.GetValue(addDry), r.GetValue(addYes), c,
            moderation =>
            {
                var path = r.GetValue(file)!;
                if (!path.Exists)
                {
                    return (null, null, $"{path.FullName} does not exist");
                }

                if (path.Length > DocumentReviewer.MaxDocumentBytes)
                {
                    return (null, null, DocumentReviewer.Refusal(path.Name, path.Length, null)!.Message);
                }

                var bytes = File.ReadAllBytes(path.FullName);
                var (review, refusal) = moderation.ReviewAdd(path.Name, bytes);
                return (review, bytes, refusal?.Message);
            })));

        var id = new Argument<string>("id") { Description = "The document's id (pakazbot sources lists them)" };
        var removeDry = DryRun();
        var removeYes = Yes();
        var remove = new Command("remove", "Review removing a document, then remove it") { id, removeDry, removeYes };
        remove.SetAction(r => c.WithSettings(settings => DocumentChange.Run(settings, r.GetValue(c.Knowledge), r.GetValue(removeDry), r.GetValue(removeYes), c,
            moderation => moderation.ReviewRemove(r.GetValue(id)!) is { } review
                ? (review, null, null)
                : (null, null, $"no document has the id '{r.GetValue(id)}'; pakazbot sources lists them"))));

        var log = new Command("log", "The audit trail: every document added, replaced or removed, confirmed or cancelled, oldest first");
        log.SetAction(_ => c.WithSettings(settings => Log(settings, c.Output, c.Error)));

        return new Command("documents", "Moderators: add, replace and remove documents of the knowledge source, with a review first") { add, remove, log };
    }

    private static int Log(IConfiguration settings, TextWriter output, TextWriter error)
    {
        try
        {
            var setup = CommandContext.FeedbackStore(settings);
            if (setup.Store is SqliteFeedbackStore sqlite && !File.Exists(sqlite.Path))
            {
                output.WriteLine($"No document changes recorded ({sqlite.Path} does not exist).");
                return Ok;
            }

            return CommandContext.WithStore(setup.Store, store =>
            {
                var entries = store.ReadDocumentChangesAsync().GetAwaiter().GetResult();
                output.WriteLine($"{entries.Count} document change(s) in the {store.Location}:");
                foreach (var e in entries)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{e.Time:yyyy-MM-dd HH:mm:ss}Z  {e.Outcome,-9} {e.Action,-7} {e.DocumentId} ({e.File})  by {e.ModeratorName} [{e.Surface} {e.ModeratorId}]  {Short(e.HashBefore)} → {Short(e.HashAfter)}{(e.Detail is null ? "" : "  " + e.Detail)}"));
                }

                return Ok;
            });
        }
        catch (Exception e) when (e is FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }

        static string Short(string? hash) => hash is null ? "—" : hash[..12];
    }
}
