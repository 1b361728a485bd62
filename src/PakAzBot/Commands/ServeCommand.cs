using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Serving;
using PakAzBot.Hosting;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>
/// <c>pakazbot serve [--urls URL]</c>: the web chat and the JSON API, until stopped. Serving is the default command:
/// <c>pakazbot --urls …</c> serves as <c>pakazbot serve --urls …</c> does.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Adds <c>serve</c> to <paramref name="root"/>, and makes serving the root's own action.</summary>
    public static void AddTo(RootCommand root, CommandContext c)
    {
        var urls = Urls();
        var serve = new Command("serve", "Serve the web chat and the JSON API (the default command); settings as --Section:Key=value") { urls };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(r => Serve(r.GetValue(c.Knowledge), r.GetValue(urls), [.. c.SettingArgs, .. r.UnmatchedTokens], c.Error));
        root.Add(serve);
        var rootUrls = Urls();
        root.Add(rootUrls);
        root.SetAction(r => Serve(r.GetValue(c.Knowledge), r.GetValue(rootUrls), c.SettingArgs, c.Error));
    }

    private static Option<string?> Urls() => new("--urls") { Description = $"Where to listen (default {BotHost.DefaultUrl}; also ASPNETCORE_URLS)" };

    private static int Serve(string? knowledgeDir, string? urls, IReadOnlyList<string> hostArgs, TextWriter error)
    {
        var args = new List<string>(hostArgs);
        if (knowledgeDir is not null)
        {
            args.Add($"--{KnowledgeOptions.Section}:Path={knowledgeDir}");
        }

        if (urls is not null)
        {
            args.Add($"--urls={urls}");
        }

        try
        {
            return RunHost(BotHost.Build([.. args]), error);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"error: {failure}");
            }

            return Failed;
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"error: cannot listen: {e.Message} Pass --urls http://127.0.0.1:PORT to use another port.");
            return Failed;
        }
    }

    /// <summary>
    /// Runs the server until it stops. A stop because a background service failed is a failure (exit code 1): the host
    /// then stops as if asked to, and would exit 0, so a supervisor with Restart=on-failure would leave it down.
    /// </summary>
    internal static int RunHost(IHost app, TextWriter error)
    {
        // Run disposes the services, so they are looked up before it.
        var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            app.Run();
        }
        catch (Exception e) when (e is not (OptionsValidationException or IOException))
        {
            error.WriteLine($"error: the server stopped on an error: {e.Message}");
            return Failed;
        }

        var failed = background.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
        {
            error.WriteLine($"error: the server stopped because {service.GetType().Name} failed: {service.ExecuteTask!.Exception!.GetBaseException().Message}");
        }

        return failed.Count > 0 ? Failed : Ok;
    }
}
