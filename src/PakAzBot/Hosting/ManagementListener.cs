using System.Globalization;
using Microsoft.AspNetCore.Http;
using PakAzBot.Web;

namespace PakAzBot.Hosting;

/// <summary>
/// Settings under "Management": a listener of its own for what operators use and the public must not reach.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// Where <c>/metrics</c> and the admin API are served, as <c>urls</c> is written (<c>http://0.0.0.0:9090</c>,
    /// several separated by ";"), each with a port of its own. Unset: they stay on the main listener.
    /// </summary>
    public string? Urls { get; set; }
}

/// <summary>
/// With <see cref="ManagementOptions.Urls"/> set, the server listens there too, and requests are told apart by the
/// port they arrived on (the connection's own, which no header can change): <c>/metrics</c> and <c>/api/admin/…</c>
/// answer only on a management port, everything else only on the main ones, and <c>/healthz</c> on both, for probes.
/// A request on the wrong listener gets the same 404 as a path that does not exist.
/// </summary>
internal static class ManagementListener
{
    public static bool IsManagementPath(PathString path) =>
        path.Equals("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>The ports of <paramref name="urls"/>, or the problem with them, naming the setting.</summary>
    public static (IReadOnlySet<int> Ports, string? Problem) Ports(string urls, string setting)
    {
        var ports = new HashSet<int>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ("http://*:9090", "http://+:9090") are not host names Uri accepts.
            var parsable = url.Replace("://*:", "://localhost:", StringComparison.Ordinal).Replace("://+:", "://localhost:", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.IsDefaultPort && !HasExplicitPort(url) || uri.Port <= 0)
            {
                return (ports, $"{setting} has '{url}', which is not a URL with a port of its own; write it as urls is written, such as http://0.0.0.0:9090");
            }

            ports.Add(uri.Port);
        }

        return ports.Count == 0 ? (ports, $"{setting} is set but names no URL; write one such as http://0.0.0.0:9090, or leave it unset") : (ports, null);
    }

    public static async Task Route(HttpContext context, RequestDelegate next, IReadOnlySet<int> managementPorts)
    {
        var onManagement = managementPorts.Contains(context.Connection.LocalPort);
        var path = context.Request.Path;
        if (path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || onManagement == IsManagementPath(path))
        {
            await next(context);
            return;
        }

        await WebChatExtensions.ApiError(StatusCodes.Status404NotFound, "Nothing is here.").ExecuteAsync(context);
    }

    private static bool HasExplicitPort(string url)
    {
        var authority = url.Split("://", 2)[^1].Split('/', 2)[0];
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && colon > authority.LastIndexOf(']') && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
