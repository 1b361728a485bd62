using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;
using PakAzBot.Feedback;
using PakAzBot.Hosting;

namespace PakAzBot;

/// <summary>
/// <c>pakazbot documents add FILE [--dry-run] [--yes]</c>, <c>documents remove ID</c> and <c>documents log</c>: the
/// moderators' document changes from the command line, with the same review as in chat, made into the knowledge
/// source the settings name (Knowledge:Source) and recorded in the audit trail beside the feedback.
/// </summary>
public static partial class Cli
{
    internal static Command DocumentsCommand(Func<Func<IConfiguration, int>, int> withSettings, Option<string?> knowledgeOption, TextReader input, TextWriter output, TextWriter error)
    {
        Option<bool> DryRun() => new("--dry-run") { Description = "Show the review only; change nothing" };
        Option<bool> Yes() => new("--yes") { Description = "Apply without asking (the review is still printed, and a review with problems is never applied)" };

        var file = new Argument<FileInfo>("file") { Description = "The Markdown document (.md, at most 1 MB)" };
        var addDry = DryRun();
        var addYes = Yes();
        var add = new Command("add", "Review a document and add it (or replace the document with its id)") { file, addDry, addYes };
        add.SetAction(r => withSettings(settings => DocumentChange(settings, r.GetValue(knowledgeOption), r.GetValue(addDry), r.GetValue(addYes), input, output, error,
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
        remove.SetAction(r => withSettings(settings => DocumentChange(settings, r.GetValue(knowledgeOption), r.GetValue(removeDry), r.GetValue(removeYes), input, output, error,
            moderation => moderation.ReviewRemove(r.GetValue(id)!) is { } review
                ? (review, null, null)
                : (null, null, $"no document has the id '{r.GetValue(id)}'; pakazbot sources lists them"))));

        var log = new Command("log", "The audit trail: every document added, replaced or removed, confirmed or cancelled, oldest first");
        log.SetAction(_ => withSettings(settings => DocumentsLog(settings, output, error)));

        return new Command("documents", "Moderators: add, replace and remove documents of the knowledge source, with a review first") { add, remove, log };
    }

    private static int DocumentChange(IConfiguration settings, string? knowledgeDir, bool dryRun, bool yes, TextReader input, TextWriter output, TextWriter error,
        Func<ModerationService, (DocumentReview? Review, byte[]? Bytes, string? Problem)> review)
    {
        var knowledge = Bind<KnowledgeOptions>(settings, KnowledgeOptions.Section);
        knowledge.Path = KnowledgeLocator.KnowledgePath(settings, knowledgeDir);
        if (!Directory.Exists(knowledge.Path))
        {
            error.WriteLine($"error: the knowledge folder {Path.GetFullPath(knowledge.Path)} does not exist; pass --knowledge DIR or set Knowledge:Path");
            return Failed;
        }

        try
        {
            var setup = AuditStore(settings);
            using (setup.Store as IDisposable)
            {
                setup.Store.MigrateAsync().GetAwaiter().GetResult();
                var moderation = new ModerationService(Path.GetFullPath(knowledge.Path), ModerationHosting.Sink(knowledge), setup.Store, null, TimeProvider.System,
                    NullLogger<ModerationService>.Instance);
                var (made, bytes, problem) = review(moderation);
                if (problem is not null)
                {
                    error.WriteLine($"error: {problem}");
                    return Failed;
                }

                foreach (var line in made!.Lines())
                {
                    output.WriteLine(line);
                }

                var moderator = new Moderator("cli", Environment.UserName, $"{Environment.UserName} on {Environment.MachineName}");
                if (dryRun)
                {
                    return made.Valid ? Ok : Failed;
                }

                if (!made.Valid)
                {
                    moderation.RecordCancelledAsync(made, moderator, "refused: the review found problems", CancellationToken.None).GetAwaiter().GetResult();
                    return Failed;
                }

                if (!yes)
                {
                    output.Write("Apply this change? [y/N] ");
                    if (input.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                    {
                        moderation.RecordCancelledAsync(made, moderator, null, CancellationToken.None).GetAwaiter().GetResult();
                        output.WriteLine("Cancelled; nothing changed.");
                        return Ok;
                    }
                }

                var result = moderation.ApplyAsync(made, ModerationService.ChangeOf(made, bytes), moderator, CancellationToken.None).GetAwaiter().GetResult();
                (result.Succeeded ? output : error).WriteLine(result.Message);
                return result.Succeeded ? Ok : Failed;
            }
        }
        catch (Exception e) when (e is FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }

    /// <summary>The audit trail's store: the feedback database the settings name.</summary>
    private static FeedbackSetup AuditStore(IConfiguration settings) =>
        FeedbackStores.Choose(Bind<FeedbackOptions>(settings, FeedbackOptions.Section), Bind<FeedbackConnectionStrings>(settings, FeedbackConnectionStrings.Section));

    private static int DocumentsLog(IConfiguration settings, TextWriter output, TextWriter error)
    {
        try
        {
            var setup = AuditStore(settings);
            if (setup.Store is SqliteFeedbackStore sqlite && !File.Exists(sqlite.Path))
            {
                output.WriteLine($"No document changes recorded ({sqlite.Path} does not exist).");
                return Ok;
            }

            using (setup.Store as IDisposable)
            {
                setup.Store.MigrateAsync().GetAwaiter().GetResult();
                var entries = setup.Store.ReadDocumentChangesAsync().GetAwaiter().GetResult();
                output.WriteLine($"{entries.Count} document change(s) in the {setup.Store.Location}:");
                foreach (var e in entries)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{e.Time:yyyy-MM-dd HH:mm:ss}Z  {e.Outcome,-9} {e.Action,-7} {e.DocumentId} ({e.File})  by {e.ModeratorName} [{e.Surface} {e.ModeratorId}]  {Short(e.HashBefore)} → {Short(e.HashAfter)}{(e.Detail is null ? "" : "  " + e.Detail)}"));
                }

                return Ok;
            }
        }
        catch (Exception e) when (e is FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }

        static string Short(string? hash) => hash is null ? "—" : hash[..12];
    }
}
