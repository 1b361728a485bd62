using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Web;

/// <summary>The chat page: plain HTML, CSS and JavaScript embedded in this assembly, no build step.</summary>
internal static class WebChatPage
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
    ];

    /// <summary>Where the page reads the reply texts of every language (Core's <see cref="ReplyText"/>), keyed by language code.</summary>
    public const string ReplyTextPath = "/reply-text.json";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            Serve(endpoints, path, Load(resource), contentType);
        }

        var texts = new JsonObject();
        foreach (var language in LanguageCodes.All)
        {
            texts[language.Code()] = ReplyText.For(language).ToJson();
        }

        Serve(endpoints, ReplyTextPath, Encoding.UTF8.GetBytes(texts.ToJsonString(JsonContract.Compact)), "application/json; charset=utf-8");
    }

    private static void Serve(IEndpointRouteBuilder endpoints, string path, byte[] bytes, string contentType) =>
        endpoints.MapGet(path, (HttpContext context) =>
        {
            // The page runs only its own script and talks only to its own API.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(bytes, contentType);
        });

    private static byte[] Load(string name)
    {
        using var stream = typeof(WebChatPage).Assembly.GetManifestResourceStream("PakAzBot.Web.wwwroot." + name)
            ?? throw new InvalidOperationException($"The page file {name} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
