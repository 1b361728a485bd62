using System.ComponentModel.DataAnnotations;

namespace PakAzBot.Discord.Gateway;

/// <summary>
/// Settings under "Discord:Gateway". The Gateway connection (answering @mentions, DMs and replies) runs when
/// Discord:BotToken is set, unless <see cref="Enabled"/> is false.
/// </summary>
public sealed class DiscordGatewayOptions
{
    public const string Section = "Discord:Gateway";

    /// <summary>False keeps the Gateway off even with a bot token (which then only registers commands).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many shards the bot runs, across all replicas; unset, Discord's recommendation from GET /gateway/bot.</summary>
    [Range(1, 4096, ErrorMessage = "Discord:Gateway:Shards must be between 1 and 4096; leave it unset for Discord's recommendation")]
    public int? Shards { get; set; }

    /// <summary>
    /// How often a replica looks for shards that no replica holds (one whose replica died), and gives up shards beyond
    /// its share when replicas join; a dead replica's shards are picked up within about twice this.
    /// </summary>
    [Range(1, 15, ErrorMessage = "Discord:Gateway:ClaimPollSeconds must be between 1 and 15: shards of a dead replica are to move within 30 s")]
    public int ClaimPollSeconds { get; set; } = 5;
}
