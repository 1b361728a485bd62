using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PakAzBot.Hosting;

/// <summary>
/// Settings under "Proxy": the reverse proxies (an ingress controller, nginx, a load balancer) whose
/// X-Forwarded-For and X-Forwarded-Proto the server believes. None by default: a peer not listed here is the client,
/// whatever headers it sends.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of trusted proxies, such as 127.0.0.1 for a reverse proxy on the same host.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, such as 10.0.0.0/8 for the pod network of a cluster.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, trusting only <see cref="ProxyOptions"/>. Behind a trusted proxy the
/// connection's remote address becomes the client's, so the rate limits and the Teams endpoint's loopback check see
/// the real client; the headers of anyone else are ignored.
/// </summary>
internal static class Proxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "Proxy:KnownProxies holds something that is not an IP address; give each proxy's address, such as 127.0.0.1 or ::1")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Proxy:KnownNetworks holds something that is not a network; give each in CIDR form, such as 10.0.0.0/8")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            // With both lists empty the middleware would trust every peer, so then it reads no header at all. The
            // framework trusts loopback by default; here only what the settings name is trusted.
            var any = proxies.Value.KnownProxies.Count + proxies.Value.KnownNetworks.Count > 0;
            forwarded.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list is still consulted, and holds loopback by default
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }

            // Walk back through X-Forwarded-For while the hop that added an entry is trusted, so a chain of trusted
            // proxies (a load balancer in front of the ingress) still yields the client; an entry a client wrote
            // itself is never reached, because the first untrusted hop ends the walk.
            forwarded.ForwardLimit = null;
        });
        return services;
    }
}
