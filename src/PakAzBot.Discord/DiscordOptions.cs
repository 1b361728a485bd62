using System.ComponentModel.DataAnnotations;

namespace PakAzBot.Discord;

/// <summary>Settings under "Discord". The interactions endpoint is on when <see cref="PublicKey"/> is set.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The application's public key (64 hex characters), from the Developer Portal's General Information page.</summary>
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Discord:PublicKey must be the application's public key: 64 hexadecimal characters")]
    public string? PublicKey { get; set; }

    /// <summary>
    /// The application id, needed to register commands and to edit deferred replies; required when the interactions
    /// endpoint is on (the start fails naming it), so a deferred reply always has somewhere to go.
    /// </summary>
    [RegularExpression("^[0-9]{5,25}$", ErrorMessage = "Discord:ApplicationId must be the application's numeric id")]
    public string? ApplicationId { get; set; }

    /// <summary>
    /// The bot token: registers commands, and turns the Gateway on (answering @mentions, DMs and replies; see
    /// <see cref="Gateway.DiscordGatewayOptions"/>).
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API; a setting so that tests can point it at a local stand-in.</summary>
    [Url(ErrorMessage = "Discord:ApiBaseUrl must be an absolute URL")]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Role ids whose members may run /reindex, besides members with Manage Server.</summary>
    public string[] ModeratorRoleIds { get; set; } = [];

    /// <summary>
    /// When set, the only servers (guild ids) whose moderators may run /reindex; when empty, the moderators of any
    /// server that installed the app may.
    /// </summary>
    public string[] ModeratorGuildIds { get; set; } = [];

    /// <summary>
    /// How long /reindex waits for the rebuild before answering "deferred" and editing its reply when done;
    /// Discord allows 3 seconds for the first response.
    /// </summary>
    [Range(0, 2500, ErrorMessage = "Discord:ReindexReplyWithinMilliseconds must be between 0 and 2500: Discord waits 3 s for a first response")]
    public int ReindexReplyWithinMilliseconds { get; set; } = 2000;

    /// <summary>
    /// How long /ask and "Ask PakAzBot" wait for the answer before answering "deferred" (type 5) and editing the
    /// original response when it is ready; Discord allows 3 seconds for the first response. 0 always defers.
    /// </summary>
    [Range(0, 2500, ErrorMessage = "Discord:AnswerReplyWithinMilliseconds must be between 0 and 2500: Discord waits 3 s for a first response")]
    public int AnswerReplyWithinMilliseconds { get; set; } = 2000;

    /// <summary>
    /// How long after answering /timeline the bot waits before adding the timeline picture to that reply (an edit of
    /// the original response with the PNG attached); Discord must have the first response before it can be edited.
    /// </summary>
    [Range(0, 10_000, ErrorMessage = "Discord:TimelinePictureDelayMilliseconds must be between 0 and 10000")]
    public int TimelinePictureDelayMilliseconds { get; set; } = 1000;

    /// <summary>How far the signed timestamp may be from now; Discord signs each request as it sends it.</summary>
    [Range(1, 3600)]
    public int MaxClockSkewSeconds { get; set; } = 300;
}
