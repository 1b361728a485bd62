using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Load(resource);
            endpoints.MapGet(path, (HttpContext context) =>
            {
                // The page runs only its own script and talks only to its own API.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(bytes, contentType);
            });
        }
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(WebChatPage).Assembly.GetManifestResourceStream("PakAzBot.Web.wwwroot." + name)
            ?? throw new InvalidOperationException($"The page file {name} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
