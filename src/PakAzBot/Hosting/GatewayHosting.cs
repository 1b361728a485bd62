using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Feedback;
using PakAzBot.Discord;
using PakAzBot.Discord.Gateway;

namespace PakAzBot.Hosting;

/// <summary>The Discord Gateway with the shard leases the settings choose.</summary>
internal static class GatewayHosting
{
    /// <summary>
    /// PostgreSQL advisory locks on ConnectionStrings:Coordination, else on ConnectionStrings:Feedback (always
    /// PostgreSQL when set); without either, this process holds every shard.
    /// </summary>
    public static IServiceCollection AddDiscordGatewayShards(this IServiceCollection services, IConfiguration configuration)
    {
        var strings = configuration.GetSection(FeedbackConnectionStrings.Section);
        var database = strings[nameof(FeedbackConnectionStrings.Coordination)] is { Length: > 0 } coordination ? coordination
            : strings[nameof(FeedbackConnectionStrings.Feedback)] is { Length: > 0 } feedback ? feedback : null;
        if (database is not null)
        {
            services.AddSingleton<IShardLeases>(sp => new PostgresShardLeases(database, sp.GetRequiredService<ILogger<PostgresShardLeases>>()));
        }

        return services.AddDiscordGateway();
    }
}
