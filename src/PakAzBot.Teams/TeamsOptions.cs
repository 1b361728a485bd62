using System.ComponentModel.DataAnnotations;

namespace PakAzBot.Teams;

/// <summary>The kind of Azure Bot registration, as the Azure Bot resource's own "type" field names it.</summary>
public enum TeamsAppType
{
    /// <summary>An app registration in one tenant (<see cref="TeamsOptions.TenantId"/>), with a secret or a certificate.</summary>
    SingleTenant,

    /// <summary>A multi-tenant app registration (Azure Bot Service no longer creates these, since 31 July 2025).</summary>
    MultiTenant,

    /// <summary>A user-assigned managed identity; <see cref="TeamsOptions.AppId"/> is its client id, and there is no secret.</summary>
    UserAssignedMSI,
}

/// <summary>
/// Settings under "Teams". With <see cref="AppId"/> set, every activity must carry a valid Bot Connector token.
/// Without it the endpoint refuses everything unless <see cref="AllowAnonymous"/> lets local, unproxied callers
/// (the Bot Framework Emulator or a script) in, and then it replies unsigned.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The tenant multi-tenant bots get their outbound token from.</summary>
    public const string MultiTenantAuthority = "botframework.com";

    /// <summary>The Azure Bot's type: SingleTenant (default), MultiTenant or UserAssignedMSI.</summary>
    public TeamsAppType AppType { get; set; } = TeamsAppType.SingleTenant;

    /// <summary>The bot's Microsoft App ID (its Entra application id, or the managed identity's client id).</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the token the bot sends with its replies (or use a certificate).</summary>
    public string? AppPassword { get; set; }

    /// <summary>A PFX/PKCS#12 file with the app's certificate and private key, instead of <see cref="AppPassword"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of the app's certificate in the current user's or the machine's "My" store, instead of a file.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>The app's tenant (directory) id. Required for SingleTenant and UserAssignedMSI; MultiTenant uses botframework.com.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Without <see cref="AppId"/>, serve unauthenticated activities from loopback callers whose request carries no
    /// forwarding header. Off by default: without an app id and without this, every activity is refused.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    [Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Where Entra ID's signing keys are published: for the Bot Framework Emulator's and the bot's own tenant's tokens.</summary>
    [Url]
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Azure AD object ids of the people who may run "reindex".</summary>
    public string[] ModeratorIds { get; set; } = [];

    /// <summary>The least time between two key refreshes caused by tokens that name an unknown key.</summary>
    [Range(0, 86_400)]
    public int KeyRefreshMinimumSeconds { get; set; } = 30;

    /// <summary>Lets tests fetch OpenID metadata over plain HTTP from a local stand-in.</summary>
    public bool AllowInsecureMetadata { get; set; }

    /// <summary>The tenant that issues the bot's outbound token.</summary>
    internal string Authority => AppType == TeamsAppType.MultiTenant && string.IsNullOrEmpty(TenantId) ? MultiTenantAuthority : TenantId!;

    /// <summary>Whether the bot has an identity of its own, so every activity must be signed.</summary>
    internal bool Secured => !string.IsNullOrEmpty(AppId);

    /// <summary>What makes this configuration unable to work, one message per problem naming the setting; empty when it can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var secrets = new[] { (nameof(AppPassword), AppPassword), (nameof(CertificatePath), CertificatePath), (nameof(CertificateThumbprint), CertificateThumbprint) }
            .Where(s => !string.IsNullOrEmpty(s.Item2)).Select(s => $"{Section}:{s.Item1}").ToList();
        if (!Secured)
        {
            if (secrets.Count > 0)
            {
                problems.Add($"{string.Join(" and ", secrets)} set without {Section}:AppId: set the Azure Bot's Microsoft App ID too");
            }

            return problems;
        }

        var multiTenantWithTenant = AppType == TeamsAppType.MultiTenant && !string.IsNullOrEmpty(TenantId) && TenantId != MultiTenantAuthority;
        if (AppType != TeamsAppType.MultiTenant && (string.IsNullOrEmpty(TenantId) || TenantId == MultiTenantAuthority))
        {
            problems.Add($"{Section}:TenantId is required with {Section}:AppType={AppType} (the default): set it to the app's Directory (tenant) ID, "
                + $"or set {Section}:AppType=MultiTenant for a multi-tenant registration");
        }
        else if (multiTenantWithTenant)
        {
            problems.Add($"{Section}:TenantId names a tenant but {Section}:AppType is MultiTenant: set {Section}:AppType=SingleTenant, or remove {Section}:TenantId");
        }

        if (AppType == TeamsAppType.UserAssignedMSI)
        {
            if (secrets.Count > 0)
            {
                problems.Add($"{string.Join(" and ", secrets)} cannot be used with {Section}:AppType=UserAssignedMSI: the managed identity needs no secret; remove them");
            }
        }
        else if (secrets.Count == 0)
        {
            problems.Add($"{Section}:AppPassword (a client secret), {Section}:CertificatePath or {Section}:CertificateThumbprint is required with {Section}:AppId: the bot needs one to sign its replies");
        }
        else if (secrets.Count > 1)
        {
            problems.Add($"{string.Join(" and ", secrets)} are all set: choose one credential");
        }

        if (!string.IsNullOrEmpty(CertificatePath) && !File.Exists(CertificatePath))
        {
            problems.Add($"{Section}:CertificatePath: no file at {CertificatePath}");
        }

        if (AllowAnonymous)
        {
            problems.Add($"{Section}:AllowAnonymous cannot be used with {Section}:AppId: a bot with an identity accepts signed activities only");
        }

        return problems;
    }
}
