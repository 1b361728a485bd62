using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PakAzBot.Hosting;
using PakAzBot.Teams;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Teams;

/// <summary>The bot's own identity: which Teams settings can work, and the outbound token for each kind of Azure Bot.</summary>
[Collection(HostCollection.Name)]
public sealed class TeamsIdentityTests
{
    private const string AppId = FakeBotFramework.AppId;
    private const string Tenant = FakeBotFramework.TenantId;

    public static TheoryData<string[], string> Unworkable => new()
    {
        // An app id with no tenant and no AppType=MultiTenant: the default is SingleTenant, which needs the tenant.
        { [$"Teams:AppId={AppId}", "Teams:AppPassword=x"], "Teams:TenantId" },
        { [$"Teams:AppId={AppId}", "Teams:AppPassword=x", "Teams:TenantId=botframework.com"], "Teams:TenantId" },
        { [$"Teams:AppId={AppId}", "Teams:AppType=UserAssignedMSI"], "Teams:TenantId" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}"], "Teams:AppPassword" },
        { [$"Teams:AppId={AppId}", "Teams:AppType=MultiTenant"], "Teams:AppPassword" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:AppType=UserAssignedMSI", "Teams:AppPassword=x"], "Teams:AppPassword" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:AppPassword=x", "Teams:CertificateThumbprint=AB12"], "Teams:CertificateThumbprint" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:CertificatePath=/nonexistent/bot.pfx"], "Teams:CertificatePath" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:AppPassword=x", "Teams:AllowAnonymous=true"], "Teams:AllowAnonymous" },
        { ["Teams:AppPassword=x"], "Teams:AppId" },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:CertificateThumbprint=AB12"], "Teams:CertificateThumbprint" },
        { [$"Teams:AppId={AppId}", "Teams:AppPassword=x", "Teams:AppType=Multitenant2"], "Teams:AppType" },
    };

    [Theory]
    [MemberData(nameof(Unworkable))]
    public void AConfigurationThatCannotWorkStopsTheStartNamingTheSetting(string[] settings, string named)
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
        {
            var app = BotHost.Build([$"--Knowledge:Path={TestPaths.Knowledge}", .. settings.Select(s => "--" + s)]);
            // Options are validated on start; resolving them here fails the same way without starting the server.
            _ = app.Services.GetService(typeof(IOptions<TeamsOptions>)) is IOptions<TeamsOptions> o ? o.Value : null;
        });

        Assert.True(failure is OptionsValidationException or InvalidOperationException, failure.ToString());
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> Workable => new()
    {
        { [] },
        { ["Teams:AllowAnonymous=true"] },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:AppPassword=x"] },
        { [$"Teams:AppId={AppId}", $"Teams:TenantId={Tenant}", "Teams:AppType=UserAssignedMSI"] },
        { [$"Teams:AppId={AppId}", "Teams:AppType=MultiTenant", "Teams:AppPassword=x"] },
    };

    [Theory]
    [MemberData(nameof(Workable))]
    public void AWorkableConfigurationHasNoProblems(string[] settings)
    {
        var app = BotHost.Build([$"--Knowledge:Path={TestPaths.Knowledge}", .. settings.Select(s => "--" + s)]);

        Assert.Empty(((IOptions<TeamsOptions>)app.Services.GetService(typeof(IOptions<TeamsOptions>))!).Value.Problems());
    }

    [Fact]
    public void ACertificateThatCannotBeOpenedStopsTheStart()
    {
        using var folder = new TempFolder();
        var pfx = Path.Combine(folder.Path, "bot.pfx");
        using (var rsa = RSA.Create(2048))
        using (var certificate = new CertificateRequest("CN=pakazbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                   .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
        {
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "right-password"));
        }

        string[] Settings(string password) => [$"--Knowledge:Path={TestPaths.Knowledge}", $"--Teams:AppId={AppId}", $"--Teams:TenantId={Tenant}", $"--Teams:CertificatePath={pfx}", $"--Teams:CertificatePassword={password}"];

        var failure = Assert.Throws<OptionsValidationException>(() => ((IOptions<TeamsOptions>)BotHost.Build(Settings("wrong-password")).Services.GetService(typeof(IOptions<TeamsOptions>))!).Value);
        Assert.Contains("Teams:CertificatePath", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(((IOptions<TeamsOptions>)BotHost.Build(Settings("right-password")).Services.GetService(typeof(IOptions<TeamsOptions>))!).Value);
    }

    [Fact]
    public async Task AManagedIdentityGetsItsTokenFromTheIdentityEndpointWithNoSecret()
    {
        await using var framework = await FakeBotFramework.StartAsync();
        var before = (Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), Environment.GetEnvironmentVariable("IDENTITY_HEADER"));
        // How Azure App Service tells MSAL where its managed-identity endpoint is.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", framework.BaseUrl + "/msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", FakeBotFramework.IdentityHeader);
        try
        {
            var provider = new MsalConnectorTokenProvider(Options.Create(new TeamsOptions { AppId = AppId, TenantId = Tenant, AppType = TeamsAppType.UserAssignedMSI }));

            var token = await provider.GetTokenAsync(CancellationToken.None);

            Assert.Equal(FakeBotFramework.ManagedIdentityToken, token);
            var (query, header) = Assert.Single(framework.IdentityRequests);
            Assert.Equal(FakeBotFramework.IdentityHeader, header);
            Assert.Equal(MsalConnectorTokenProvider.Resource, query["resource"].ToString());
            Assert.Equal(AppId, query["client_id"].ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", before.Item1);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", before.Item2);
        }
    }

    [Fact]
    public async Task ACertificateSignsTheClientAssertionForTheTenantsTokenEndpoint()
    {
        using var folder = new TempFolder();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=pakazbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(folder.Path, "bot.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        var login = new FakeLogin();
        var provider = new MsalConnectorTokenProvider(
            Options.Create(new TeamsOptions { AppId = AppId, TenantId = Tenant, CertificatePath = pfx, CertificatePassword = "pfx-password" }), login);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("connector-token", token);
        var (uri, form) = Assert.Single(login.TokenRequests);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/token", uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(MsalConnectorTokenProvider.Scope, form["scope"]);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
        {
            ValidIssuer = AppId,
            ValidateAudience = false,
            IssuerSigningKey = new X509SecurityKey(X509CertificateLoader.LoadCertificate(certificate.RawData)),
        });
        Assert.True(validation.IsValid, validation.Exception?.ToString());
        Assert.Contains(Tenant, validation.ClaimsIdentity.FindFirst("aud")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultiTenantBotGetsItsTokenFromBotframeworkComWithItsSecret()
    {
        var login = new FakeLogin();
        var provider = new MsalConnectorTokenProvider(Options.Create(new TeamsOptions { AppId = AppId, AppType = TeamsAppType.MultiTenant, AppPassword = "s3cret" }), login);

        Assert.Equal("connector-token", await provider.GetTokenAsync(CancellationToken.None));

        var (uri, form) = Assert.Single(login.TokenRequests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("s3cret", form["client_secret"]);
    }

    /// <summary>Entra ID's token endpoint (and instance discovery), in memory, for MSAL's HTTP client.</summary>
    private sealed class FakeLogin : HttpMessageHandler, IMsalHttpClientFactory
    {
        public List<(Uri Uri, Dictionary<string, string> Form)> TokenRequests { get; } = [];

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
                TokenRequests.Add((uri, form));
                return Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = "connector-token" });
            }

            var tenant = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "common";
            return Json(new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = "login.microsoftonline.com",
                    ["preferred_cache"] = "login.windows.net",
                    ["aliases"] = new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
                }),
            });
        }

        private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
    }
}
