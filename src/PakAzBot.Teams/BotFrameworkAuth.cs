using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PakAzBot.Teams;

/// <summary>
/// Validates the Bot Connector's bearer token on an incoming activity as the Bot Framework's "Authentication with
/// the Bot Connector API" document requires: RS256 signature against the keys in the OpenID metadata (refreshed when
/// an unknown key id appears), issuer https://api.botframework.com, audience the bot's app id, lifetime with 5 minutes
/// of clock skew, the serviceurl claim equal to the activity's serviceUrl, and the signing key endorsed for the
/// activity's channel (a channel token without the serviceurl claim is refused, as the SDK refuses it). Entra ID
/// tokens are accepted as the SDK accepts them: issued by one of the Bot Framework Emulator's tenants or, for a
/// single-tenant or managed-identity bot, by the bot's own tenant (v1 or v2 issuer), for the bot's audience, with the
/// bot's app id in appid (v1 tokens) or azp (v2).
/// </summary>
public sealed class BotFrameworkAuth
{
    public const string ChannelIssuer = "https://api.botframework.com";

    // The Emulator's issuers, as the Bot Framework SDK lists them (ToBotFromBotOrEmulatorTokenValidationParameters).
    public static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private readonly TeamsOptions _options;
    private readonly KeySource _channel;
    private readonly KeySource _emulator;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _clock;
    private readonly string[] _tenantIssuers;

    public BotFrameworkAuth(IOptions<TeamsOptions> options, TimeProvider? clock = null)
    {
        _options = options.Value;
        _clock = clock ?? TimeProvider.System;
        _tenantIssuers = TenantIssuers(_options);
        var retriever = new HttpDocumentRetriever { RequireHttps = !_options.AllowInsecureMetadata };
        var minimumRefresh = TimeSpan.FromSeconds(_options.KeyRefreshMinimumSeconds);
        _channel = new KeySource(_options.OpenIdMetadataUrl, retriever, _clock, minimumRefresh);
        _emulator = new KeySource(_options.EmulatorOpenIdMetadataUrl, retriever, _clock, minimumRefresh);
    }

    /// <summary>
    /// The issuers of Entra ID tokens accepted beside the Emulator's: for a single-tenant or managed-identity bot, its
    /// own tenant's v1 and v2 issuers, as the Bot Framework SDK and the Microsoft Agents SDK add them when a tenant is
    /// configured. None for a multi-tenant bot.
    /// </summary>
    public static string[] TenantIssuers(TeamsOptions options) =>
        options.AppType == TeamsAppType.MultiTenant || string.IsNullOrEmpty(options.TenantId)
            ? []
            : [$"https://sts.windows.net/{options.TenantId}/", $"https://login.microsoftonline.com/{options.TenantId}/v2.0"];

    /// <summary>The validated identity, or null with the reason the request is refused (never the token itself).</summary>
    public async Task<(ClaimsIdentity? Identity, string? Failure)> ValidateAsync(string? authorization, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, "no bearer token");
        }

        var token = authorization["Bearer ".Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (null, "the token is not a JWT");
        }

        // Channel tokens are checked against the Bot Connector's keys; Entra ID tokens (the Emulator's, or the bot's
        // own tenant's) against Entra's. An issuer that is neither is refused before any key is fetched for it.
        var entraIssuers = EmulatorIssuers.Concat(_tenantIssuers).ToArray();
        var fromEntra = entraIssuers.Contains(jwt.Issuer, StringComparer.Ordinal);
        if (!fromEntra && jwt.Issuer != ChannelIssuer)
        {
            return (null, $"the issuer '{Printable(jwt.Issuer)}' is not accepted for Teams:AppType={_options.AppType}"
                + (_tenantIssuers.Length > 0 ? $" in tenant {_options.TenantId}" : "") + " (is Teams:TenantId the app's tenant?)");
        }

        var manager = fromEntra ? _emulator : _channel;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = fromEntra ? entraIssuers : [ChannelIssuer],
            ValidAudience = _options.AppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = (notBefore, expires, _, p) => ValidLifetime(notBefore, expires, p.ClockSkew),
        };

        var (result, configuration) = await ValidateWithKeys(manager, token, parameters, refresh: false, cancellationToken);
        if (result is null || !result.IsValid)
        {
            // An unknown key id means the keys rolled over: fetch them again once, as the SDK does.
            if (result?.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                (result, configuration) = await ValidateWithKeys(manager, token, parameters, refresh: true, cancellationToken);
            }

            if (result is null || !result.IsValid)
            {
                return (null, Reason(result?.Exception, jwt));
            }
        }

        var identity = result.ClaimsIdentity;
        if (fromEntra)
        {
            // As the SDK's Emulator validation: the token must be the bot's own (appid in v1 tokens, azp in v2).
            var version = identity.FindFirst("ver")?.Value;
            var appId = identity.FindFirst(version == "2.0" ? "azp" : "appid")?.Value;
            return appId == _options.AppId ? (identity, null) : (null, $"the Entra ID token was issued to another app ('{Printable(appId)}'), not Teams:AppId");
        }

        // A channel token always names the service URL it was issued for; the SDK refuses one that does not.
        var claimed = identity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(claimed))
        {
            return (null, "the channel token has no serviceurl claim");
        }

        if (!string.Equals(claimed.TrimEnd('/'), serviceUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the serviceurl claim does not match the activity's serviceUrl");
        }

        return Endorsed(configuration!, jwt.Kid, channelId) ? (identity, null) : (null, $"the signing key is not endorsed for channel '{Printable(channelId)}'");
    }

    /// <summary>Why validation failed, in words that help fix a configuration: the claims compared, never the token.</summary>
    private string Reason(Exception? exception, JsonWebToken jwt) => exception switch
    {
        null => "the signing keys could not be fetched",
        SecurityTokenInvalidAudienceException => $"the audience '{Printable(string.Join(", ", jwt.Audiences))}' is not Teams:AppId",
        SecurityTokenInvalidIssuerException => $"the issuer '{Printable(jwt.Issuer)}' is not accepted",
        SecurityTokenExpiredException or SecurityTokenNoExpirationException => "the token has expired or has no expiry",
        SecurityTokenNotYetValidException => "the token is not valid yet (is this machine's clock right?)",
        SecurityTokenSignatureKeyNotFoundException => $"the token is signed with an unknown key '{Printable(jwt.Kid)}'",
        SecurityTokenInvalidSignatureException => "the signature is not valid",
        SecurityTokenInvalidAlgorithmException => $"the algorithm '{Printable(jwt.Alg)}' is not RS256",
        SecurityTokenInvalidLifetimeException => "the token has expired or is not valid yet",
        _ => exception.GetType().Name,
    };

    // Claims come from the caller: cut them short and without line breaks before they reach a log.
    private static string Printable(string? value) =>
        value is null ? "" : new string(value.Take(120).Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return expires is not null && now <= expires.Value + skew && (notBefore is null || now >= notBefore.Value - skew);
    }

    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration)> ValidateWithKeys(
        KeySource source, string token, TokenValidationParameters parameters, bool refresh, CancellationToken cancellationToken)
    {
        var configuration = await source.GetAsync(refresh, cancellationToken);
        if (configuration is null)
        {
            return (null, null);
        }

        parameters.IssuerSigningKeys = configuration.SigningKeys;
        return (await _handler.ValidateTokenAsync(token, parameters), configuration);
    }

    /// <summary>The Bot Framework's keys list, per key, the channels it may sign for ("endorsements").</summary>
    private static bool Endorsed(OpenIdConnectConfiguration configuration, string? keyId, string? channelId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || channelId is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return false;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Any(e => e.GetString() == channelId),
            IEnumerable<object> list => list.Any(e => e?.ToString() == channelId),
            _ => false,
        };
    }

    /// <summary>
    /// The OpenID metadata and signing keys of one issuer, fetched with the library's retriever and kept for a day.
    /// A refresh asked for because a token names an unknown key happens at most once per minimum interval, so
    /// forged key ids cannot make the bot hammer the metadata endpoint.
    /// </summary>
    private sealed class KeySource(string url, IDocumentRetriever retriever, TimeProvider clock, TimeSpan minimumRefresh)
    {
        private static readonly TimeSpan MaximumAge = TimeSpan.FromHours(24);
        private readonly SemaphoreSlim _gate = new(1, 1);
        private OpenIdConnectConfiguration? _configuration;
        private DateTimeOffset _fetched;

        public async Task<OpenIdConnectConfiguration?> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var age = clock.GetUtcNow() - _fetched;
                if (_configuration is null || age > MaximumAge || (refresh && age >= minimumRefresh))
                {
                    try
                    {
                        _configuration = await OpenIdConnectConfigurationRetriever.GetAsync(url, retriever, cancellationToken);
                        _fetched = clock.GetUtcNow();
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or ArgumentException)
                    {
                        // Keep serving with the keys we have; with none yet, nothing can be validated.
                    }
                }

                return _configuration;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
