using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace PakAzBot.Tests.Host;

/// <summary>
/// With Management:Urls set, /metrics and the admin API answer only on the management listener and everything else
/// only on the main one; /healthz answers on both. Real Kestrel on loopback ports, since the rule rests on the port a
/// connection arrived on.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ManagementListenerTests : IAsyncLifetime
{
    private const string AdminToken = "management-test-admin-token-0123456789";
    private readonly int _managementPort = FreePort();
    private TestBot _bot = null!;
    private HttpClient _management = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartAsync(realServer: true, waitForIndex: true, $"Management:Urls=http://127.0.0.1:{_managementPort}", $"Admin:Token={AdminToken}");
        _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_managementPort}") };
    }

    public async Task DisposeAsync()
    {
        _management.Dispose();
        await _bot.DisposeAsync();
    }

    [Fact]
    public async Task MetricsAndTheAdminApiAnswerOnlyOnTheManagementListener()
    {
        Assert.NotEqual(_managementPort, _bot.BaseAddress.Port);

        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Client.SendAsync(Reindex())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _management.SendAsync(Reindex())).StatusCode);
    }

    [Fact]
    public async Task TheQuestionsApiAndThePageAnswerOnlyOnTheMainListener()
    {
        var ask = () => new StringContent("{\"question\":\"When did Pakistan recognize Azerbaijan?\"}", Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.PostAsync("/api/ask", ask())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.GetAsync("/")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _management.PostAsync("/api/ask", ask())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _management.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task HealthAnswersOnBothForProbes()
    {
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _management.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("not a url")]
    [InlineData(";")]
    public async Task AManagementUrlWithoutAPortOfItsOwnStopsTheStartNamingTheSetting(string urls)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestBot.StartAsync(realServer: true, waitForIndex: false, $"Management:Urls={urls}"));

        Assert.Contains("Management:Urls", string.Join(" ", failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagementPortTheMainListenerUsesStopsTheStart()
    {
        var port = FreePort();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestBot.StartAsync(realServer: false, waitForIndex: false, $"urls=http://127.0.0.1:{port}", $"Management:Urls=http://127.0.0.1:{port}"));

        Assert.Contains("Management:Urls", string.Join(" ", failure.Failures), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Reindex() =>
        new(HttpMethod.Post, "/api/admin/reindex") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminToken) } };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
