using System.Data.Common;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>What the feedback commands read: the votes and picks, from where, or the database that is not there yet.</summary>
internal sealed record FeedbackRead(IReadOnlyList<FeedbackEntry> Votes, IReadOnlyList<PickEntry> Picks, string From, string? Missing = null);

/// <summary>Reads the feedback for <c>pakazbot feedback</c> and <c>feedback export</c>: a database, or a JSON-lines log of an earlier version.</summary>
internal static class FeedbackReader
{
    /// <summary>
    /// Reads the votes and picks (a .jsonl log has votes only) and hands them to <paramref name="work"/>. A command
    /// that only reads creates no database: a SQLite file not there yet is read as empty, or as the old log beside it.
    /// </summary>
    public static int WithFeedback(IConfiguration settings, string? file, TextWriter error, Func<FeedbackRead, int> work)
    {
        string? store = null;
        try
        {
            if (file is not null && file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                if (!File.Exists(file))
                {
                    error.WriteLine($"error: {Path.GetFullPath(file)} does not exist");
                    return Failed;
                }

                return work(new FeedbackRead(FeedbackLog.Read(file), [], "JSON-lines log " + Path.GetFullPath(file)));
            }

            var setup = file is not null
                ? new FeedbackSetup(new SqliteFeedbackStore(file), null, null)
                : CommandContext.FeedbackStore(settings);
            if (setup.Store is SqliteFeedbackStore sqlite && !File.Exists(sqlite.Path))
            {
                if (file is null && setup.LegacyLog is { } log && File.Exists(log))
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
}
