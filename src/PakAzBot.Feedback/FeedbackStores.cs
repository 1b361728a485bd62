using PakAzBot.Core.Feedback;

namespace PakAzBot.Feedback;

/// <summary>Which store the settings choose, and which JSON-lines log of earlier versions goes into it.</summary>
public sealed record FeedbackSetup(SqlFeedbackStore Store, string? LegacyLog, string? Notice);

public static class FeedbackStores
{
    /// <summary>The log of earlier versions' default setting, imported from beside the database.</summary>
    public const string LegacyFileName = "feedback.jsonl";

    /// <summary>
    /// PostgreSQL when ConnectionStrings:Feedback is set, else SQLite at Feedback:Path. A Feedback:Path ending in .jsonl
    /// (the setting of earlier versions) keeps its votes: the database is then that path ending in .db, and the log is
    /// the one to import; otherwise a feedback.jsonl beside Feedback:Path is. Throws <see cref="FeedbackStoreException"/>
    /// on a setting that cannot work, naming it.
    /// </summary>
    public static FeedbackSetup Choose(FeedbackOptions options, FeedbackConnectionStrings connectionStrings)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new FeedbackStoreException("Feedback:Path is empty: give the SQLite database file's path, such as /data/feedback.db, or leave it unset for ./feedback.db");
        }

        var path = Path.GetFullPath(options.Path);
        var legacySetting = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        var legacy = legacySetting ? path : Path.Combine(Path.GetDirectoryName(path) ?? "", LegacyFileName);
        var database = legacySetting ? Path.ChangeExtension(path, ".db") : path;

        if (connectionStrings.Feedback is { } connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new FeedbackStoreException("ConnectionStrings:Feedback is empty: give a PostgreSQL connection string (Host=HOST;Database=NAME;Username=USER;Password=PASSWORD), or leave it unset to keep the votes in SQLite at Feedback:Path");
            }

            return new FeedbackSetup(new PostgresFeedbackStore(connectionString), legacy, null);
        }

        var notice = legacySetting
            ? $"Feedback:Path names the JSON-lines log {path}; votes are now kept in the SQLite database {database} (and the log is imported into it once). Set Feedback:Path to {database} to say so."
            : null;
        return new FeedbackSetup(new SqliteFeedbackStore(database), legacy, notice);
    }
}
