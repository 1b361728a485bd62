using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PakAzBot.Discord;

/// <summary>
/// The few Discord REST calls the bot makes: registering its commands, editing a deferred reply, and for the
/// Gateway its URL, replies to messages and the typing indicator. Retries with
/// back-off on 429 and 5xx, honouring Retry-After, come from the standard resilience handler the client is built with.
/// </summary>
public sealed class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options)
{
    /// <summary>
    /// "DiscordBot ($url, $versionNumber)", as Discord's API reference requires of every HTTP client; requests without
    /// a valid one may be blocked. The address is the project's RepositoryUrl (PakAzBot.Discord.csproj).
    /// </summary>
    public static readonly string UserAgent = $"DiscordBot ({RepositoryUrl}, {Version})";

    private static string RepositoryUrl =>
        typeof(DiscordRestClient).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value ?? "https://localhost/pakazbot";

    // The informational version without its "+commit" build metadata.
    private static string Version =>
        (typeof(DiscordRestClient).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "1.0.0").Split('+')[0];

    /// <summary>PUTs every command definition, replacing what was registered (globally, or in one guild for testing).</summary>
    public async Task<JsonArray> RegisterCommandsAsync(string? guildId, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var applicationId = settings.ApplicationId ?? throw new InvalidOperationException("Discord:ApplicationId is not set");
        var path = guildId is null ? $"applications/{applicationId}/commands" : $"applications/{applicationId}/guilds/{guildId}/commands";
        using var request = Authorized(HttpMethod.Put, path);
        request.Content = Json(DiscordCommands.Definitions());
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken) ?? [];
    }

    /// <summary>Replaces the deferred "thinking…" reply of an interaction (the token alone authorizes it).</summary>
    public async Task EditOriginalAsync(string applicationId, string interactionToken, JsonObject message, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url($"webhooks/{applicationId}/{Uri.EscapeDataString(interactionToken)}/messages/@original"))
        {
            Content = Json(message),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
    }

    /// <summary>
    /// Attaches a file to the original response of an interaction: a multipart/form-data PATCH whose
    /// <c>payload_json</c> names the attachment (id 0) and whose <c>files[0]</c> part carries it, as Discord's
    /// "Uploading Files" describes. The message's text and embeds stay as they are.
    /// </summary>
    public async Task AttachToOriginalAsync(string applicationId, string interactionToken, string fileName, string contentType, byte[] file, string description, CancellationToken cancellationToken = default)
    {
        var payload = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject { ["id"] = 0, ["filename"] = fileName, ["description"] = description }),
        };
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), "payload_json");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "files[0]", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url($"webhooks/{applicationId}/{Uri.EscapeDataString(interactionToken)}/messages/@original"))
        {
            Content = form,
        };
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
    }

    /// <summary>GET /gateway/bot ("Gateway", Get Gateway Bot): the URL, the recommended shards, the session start limit.</summary>
    public async Task<Gateway.GatewayInfo> GetGatewayBotAsync(CancellationToken cancellationToken = default)
    {
        using var request = Authorized(HttpMethod.Get, "gateway/bot");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
        var limit = body["session_start_limit"] as JsonObject ?? [];
        return new Gateway.GatewayInfo(
            (string?)body["url"] ?? throw new HttpRequestException("GET /gateway/bot answered without a url"),
            Math.Max(1, (int?)body["shards"] ?? 1),
            (int?)limit["total"] ?? 1000,
            (int?)limit["remaining"] ?? 1000,
            TimeSpan.FromMilliseconds((double?)limit["reset_after"] ?? 0),
            Math.Max(1, (int?)limit["max_concurrency"] ?? 1));
    }

    /// <summary>POST /channels/{id}/messages ("Message", Create Message).</summary>
    public async Task CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken = default)
    {
        using var request = Authorized(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages");
        request.Content = Json(message);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
    }

    /// <summary>POST /channels/{id}/typing ("Channel", Trigger Typing Indicator): shown for 10 s or until the bot posts.</summary>
    public async Task TriggerTypingAsync(string channelId, CancellationToken cancellationToken = default)
    {
        using var request = Authorized(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/typing");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var token = options.Value.BotToken ?? throw new InvalidOperationException("Discord:BotToken is not set");
        var request = new HttpRequestMessage(method, Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);
        return request;
    }

    private Uri Url(string path) => new(options.Value.ApiBaseUrl.TrimEnd('/') + "/" + path);

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Discord answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
        }
    }
}
