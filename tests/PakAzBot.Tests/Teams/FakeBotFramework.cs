using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PakAzBot.Teams;

namespace PakAzBot.Tests.Teams;

/// <summary>
/// Local stand-ins for the Bot Framework on a loopback port: OpenID metadata and JWKS for the channel and for the
/// Emulator (with keys the tests mint tokens with), and a connector that records replies and can answer 429 first.
/// </summary>
internal sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "8c7d1c1a-0000-4000-8000-0000000000b0";

    /// <summary>The bot's tenant: a single-tenant Azure Bot's app registration lives here.</summary>
    public const string TenantId = "5f1c0e3a-0000-4000-8000-0000000000c1";

    /// <summary>The access token the stand-in managed-identity endpoint hands out.</summary>
    public const string ManagedIdentityToken = "msi-access-token";

    /// <summary>The identity header App Service gives the app, which the identity endpoint checks.</summary>
    public const string IdentityHeader = "identity-header-secret";

    private readonly WebApplication _app;
    private int _connectorCalls;

    private FakeBotFramework(WebApplication app) => _app = app;

    public RSA ChannelKey { get; } = RSA.Create(2048);

    public RSA EmulatorKey { get; } = RSA.Create(2048);

    public RSA RolledKey { get; } = RSA.Create(2048);

    public bool PublishRolledKey { get; set; }

    public string[] Endorsements { get; set; } = ["msteams", "emulator"];

    public int RateLimitFirst { get; set; }

    /// <summary>How long the connector takes to answer each reply (a slow or hanging Bot Connector).</summary>
    public TimeSpan ConnectorDelay { get; set; }

    public ConcurrentQueue<(string RawTarget, string? Authorization, JsonObject Activity, int Status)> Replies { get; } = new();

    /// <summary>The query strings and identity headers of the requests to the stand-in managed-identity endpoint.</summary>
    public ConcurrentQueue<(IQueryCollection Query, string? IdentityHeader)> IdentityRequests { get; } = new();

    public string BaseUrl => Loopback.Address(_app);

    public string[] Settings =>
    [
        $"Teams:AppId={AppId}", $"Teams:TenantId={TenantId}", "Teams:AppPassword=not-used-by-tests", "Teams:AllowInsecureMetadata=true", "Teams:KeyRefreshMinimumSeconds=0",
        $"Teams:OpenIdMetadataUrl={BaseUrl}/channel/.well-known/openidconfiguration",
        $"Teams:EmulatorOpenIdMetadataUrl={BaseUrl}/emulator/.well-known/openid-configuration",
    ];

    public static async Task<FakeBotFramework> StartAsync()
    {
        var app = Loopback.App();
        var fake = new FakeBotFramework(app);
        app.MapGet("/channel/.well-known/openidconfiguration", () => Metadata(fake.BaseUrl + "/channel/keys", BotFrameworkAuth.ChannelIssuer));
        app.MapGet("/emulator/.well-known/openid-configuration", () => Metadata(fake.BaseUrl + "/emulator/keys", BotFrameworkAuth.EmulatorIssuers[0]));
        app.MapGet("/channel/keys", () =>
        {
            var keys = new JsonArray { Jwk(fake.ChannelKey, "channel-key", fake.Endorsements) };
            if (fake.PublishRolledKey)
            {
                keys.Add(Jwk(fake.RolledKey, "rolled-key", fake.Endorsements));
            }

            return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
        });
        app.MapGet("/emulator/keys", () => Results.Text(new JsonObject { ["keys"] = new JsonArray { Jwk(fake.EmulatorKey, "emulator-key", null) } }.ToJsonString(), "application/json"));
        app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            var activity = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            if (fake.ConnectorDelay > TimeSpan.Zero)
            {
                await Task.Delay(fake.ConnectorDelay, context.RequestAborted);
            }

            var limited = Interlocked.Increment(ref fake._connectorCalls) <= fake.RateLimitFirst;
            var status = limited ? 429 : 200;
            fake.Replies.Enqueue((context.Features.Get<IHttpRequestFeature>()!.RawTarget, context.Request.Headers.Authorization.ToString(), activity, status));
            if (limited)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Results.Text("{\"id\":\"reply-1\"}", "application/json", statusCode: status);
        });
        // Azure App Service's managed-identity endpoint (IDENTITY_ENDPOINT, with IDENTITY_HEADER), API 2019-08-01.
        app.MapGet("/msi/token", (HttpContext context) =>
        {
            var header = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
            fake.IdentityRequests.Enqueue((context.Request.Query, header));
            if (header != IdentityHeader)
            {
                return Results.StatusCode(401);
            }

            return Results.Text(new JsonObject
            {
                ["access_token"] = ManagedIdentityToken,
                ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = context.Request.Query["resource"].ToString(),
                ["token_type"] = "Bearer",
                ["client_id"] = context.Request.Query["client_id"].ToString(),
            }.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        return fake;
    }

    /// <summary>A token as the Bot Connector signs it, with whatever the test changes.</summary>
    public string ChannelToken(string? serviceUrl, string? audience = AppId, string issuer = BotFrameworkAuth.ChannelIssuer,
        DateTime? expires = null, RSA? key = null, string keyId = "channel-key")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Subject = new ClaimsIdentity(serviceUrl is null ? [] : [new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? ChannelKey) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token Entra ID issues in a tenant (v1: sts.windows.net and appid; v2: login.microsoftonline.com and azp).</summary>
    public string TenantToken(string tenantId = TenantId, string appId = AppId, bool v2 = false)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = v2 ? $"https://login.microsoftonline.com/{tenantId}/v2.0" : $"https://sts.windows.net/{tenantId}/",
            Audience = AppId,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("ver", v2 ? "2.0" : "1.0"), new Claim(v2 ? "azp" : "appid", appId), new Claim("tid", tenantId)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(EmulatorKey) { KeyId = "emulator-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token as the Bot Framework Emulator's Azure AD tenant signs it (a v1 token with appid).</summary>
    public string EmulatorToken(string appId = AppId)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkAuth.EmulatorIssuers[0],
            Audience = AppId,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("ver", "1.0"), new Claim("appid", appId)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(EmulatorKey) { KeyId = "emulator-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<List<JsonObject>> WaitForRepliesAsync(int count, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Replies.Count(r => r.Status == 200) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return Replies.Where(r => r.Status == 200).Select(r => r.Activity).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ChannelKey.Dispose();
        EmulatorKey.Dispose();
        RolledKey.Dispose();
    }

    private static IResult Metadata(string jwksUri, string issuer) => Results.Text(new JsonObject
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString(), "application/json");

    private static JsonObject Jwk(RSA key, string kid, string[]? endorsements)
    {
        var p = key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        return jwk;
    }
}
