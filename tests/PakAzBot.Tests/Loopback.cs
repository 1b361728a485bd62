using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PakAzBot.Tests;

/// <summary>The web apps the tests run in place of services outside the project (Discord, Bot Framework, a file host).</summary>
internal static class Loopback
{
    /// <summary>A slim web app on a free loopback port, without logging; map its routes, then start it.</summary>
    public static WebApplication App()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The address a started app listens on ("http://127.0.0.1:PORT").</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
