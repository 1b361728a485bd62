using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;
using PakAzBot.Feedback;
using PakAzBot.Hosting;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>
/// One moderator's change from <c>pakazbot documents add/remove</c>: the review printed, then (unless --dry-run)
/// applied after a yes, or recorded as cancelled, in the audit trail of the feedback store.
/// </summary>
internal static class DocumentChange
{
    public static int Run(IConfiguration settings, string? knowledgeDir, bool dryRun, bool yes, CommandContext c,
        Func<ModerationService, (DocumentReview? Review, byte[]? Bytes, string? Problem)> review)
    {
        var (output, error) = (c.Output, c.Error);
        var knowledge = CommandContext.Bind<KnowledgeOptions>(settings, KnowledgeOptions.Section);
        knowledge.Path = KnowledgeLocator.KnowledgePath(settings, knowledgeDir);
        if (!Directory.Exists(knowledge.Path))
        {
            error.WriteLine($"error: the knowledge folder {Path.GetFullPath(knowledge.Path)} does not exist; pass --knowledge DIR or set Knowledge:Path");
            return Failed;
        }

        try
        {
            return CommandContext.WithStore(CommandContext.FeedbackStore(settings).Store, store =>
            {
                var moderation = new ModerationService(Path.GetFullPath(knowledge.Path), ModerationHosting.Sink(knowledge), store, null, TimeProvider.System,
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
                    if (c.Input.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                    {
                        moderation.RecordCancelledAsync(made, moderator, null, CancellationToken.None).GetAwaiter().GetResult();
                        output.WriteLine("Cancelled; nothing changed.");
                        return Ok;
                    }
                }

                var result = moderation.ApplyAsync(made, ModerationService.ChangeOf(made, bytes), moderator, CancellationToken.None).GetAwaiter().GetResult();
                (result.Succeeded ? output : error).WriteLine(result.Message);
                return result.Succeeded ? Ok : Failed;
            });
        }
        catch (Exception e) when (e is FeedbackStoreException or DbException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}
