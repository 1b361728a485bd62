using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;

namespace PakAzBot.Hosting;

/// <summary>The feedback store of the server: chosen by the settings, migrated and fed the old log at start.</summary>
public static partial class FeedbackHosting
{
    public static IServiceCollection AddFeedbackStore(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section);
        services.AddOptions<FeedbackConnectionStrings>().BindConfiguration(FeedbackConnectionStrings.Section);
        services.AddSingleton(sp => FeedbackStores.Choose(
            sp.GetRequiredService<IOptions<FeedbackOptions>>().Value,
            sp.GetRequiredService<IOptions<FeedbackConnectionStrings>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<FeedbackSetup>().Store);
        services.AddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqlFeedbackStore>());
        services.AddHostedService<FeedbackStartup>();
        return services;
    }

    /// <summary>
    /// Creates or migrates the schema, then imports the JSON-lines log of earlier versions if there is one it has not
    /// imported yet. A failure stops the start with a message naming what to fix: votes are never dropped silently.
    /// </summary>
    internal sealed partial class FeedbackStartup(FeedbackSetup setup, ILogger<FeedbackStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (setup.Notice is { } notice)
            {
                LogNotice(notice);
            }

            try
            {
                var before = await setup.Store.MigrateAsync(cancellationToken);
                if (before < setup.Store.SchemaVersion)
                {
                    LogMigrated(setup.Store.Location, before, setup.Store.SchemaVersion);
                }

                if (setup.LegacyLog is { } log && File.Exists(log))
                {
                    var import = await setup.Store.ImportAsync(log, cancellationToken);
                    if (import.AlreadyImportedAt is null)
                    {
                        LogImported(import.Source, setup.Store.Location, import.Read, import.Written, import.Skipped);
                    }
                }
            }
            catch (FormatException e)
            {
                throw new FeedbackStoreException($"cannot import the old feedback log into the {setup.Store.Location}: {e.Message}. Correct or delete that line (nothing was imported, the file is as it was), or move the file away to start without it", e);
            }
            catch (Exception e) when (e is not (FeedbackStoreException or OperationCanceledException))
            {
                throw new FeedbackStoreException($"cannot open the feedback {setup.Store.Location}: {e.Message}. Check Feedback:Path (a writable .db file) or ConnectionStrings:Feedback (a reachable PostgreSQL database)", e);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Notice}")]
        private partial void LogNotice(string notice);

        [LoggerMessage(Level = LogLevel.Information, Message = "Feedback: {Location} migrated from schema version {Before} to {After}")]
        private partial void LogMigrated(string location, int before, int after);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback: imported {Source} into the {Location}: {Read} entries read, {Written} written, {Skipped} older or already there. The file is kept as it was and no longer written; remove it once you no longer need it")]
        private partial void LogImported(string source, string location, int read, int written, int skipped);
    }
}
