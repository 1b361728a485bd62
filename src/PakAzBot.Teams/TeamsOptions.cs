using System.ComponentModel.DataAnnotations;

namespace PakAzBot.Teams;

/// <summary>
/// Settings under "Teams". With <see cref="AppId"/> set, every activity must carry a valid Bot Connector token;
/// without it the endpoint serves only loopback callers (the Bot Framework Emulator or a script) and replies unsigned.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft App ID (its Azure AD application id).</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the token the bot sends with its replies.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The tenant that issues the bot's outbound token: botframework.com for multi-tenant bots, else the tenant id.</summary>
    public string TenantId { get; set; } = "botframework.com";

    [Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Where the Bot Framework Emulator's signing keys are published.</summary>
    [Url]
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Azure AD object ids of the people who may run "reindex".</summary>
    public string[] ModeratorIds { get; set; } = [];

    /// <summary>The least time between two key refreshes caused by tokens that name an unknown key.</summary>
    [Range(0, 86_400)]
    public int KeyRefreshMinimumSeconds { get; set; } = 30;

    /// <summary>Lets tests fetch OpenID metadata over plain HTTP from a local stand-in.</summary>
    public bool AllowInsecureMetadata { get; set; }
}
