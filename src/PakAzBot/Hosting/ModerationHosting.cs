using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Moderation;
using PakAzBot.Core.Serving;
using PakAzBot.Feedback;

namespace PakAzBot.Hosting;

/// <summary>Moderators' document changes: where they go (Knowledge:Source), their audit trail (the feedback database).</summary>
public static class ModerationHosting
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<IDocumentAudit>(sp => sp.GetRequiredService<SqlFeedbackStore>());
        services.AddSingleton(sp => Sink(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value));
        services.AddSingleton(sp => new ModerationService(
            Path.GetFullPath(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path),
            sp.GetRequiredService<IKnowledgeSink>(),
            sp.GetRequiredService<IDocumentAudit>(),
            sp.GetService<IReindexer>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ModerationService>>()));
        // Fetches moderators' files (Discord attachments, Teams downloads): no retries, ModerationService bounds time and size.
        services.AddHttpClient(ModerationService.HttpClientName, http => http.Timeout = ModerationService.FetchTimeout + TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>The knowledge source the settings choose.</summary>
    public static IKnowledgeSink Sink(KnowledgeOptions options) =>
        options.Source == "git" ? new GitKnowledgeSink(options.Git) : new FolderKnowledgeSink(Path.GetFullPath(options.Path));
}
