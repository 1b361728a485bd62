using System.CommandLine;
using PakAzBot.Teams;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot teams package --app-id GUID [--website URL] [--output ZIP]</c>: the app package a Teams admin uploads.</summary>
internal static class TeamsCommand
{
    public static Command Create(CommandContext c)
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (a GUID)", Required = true };
        var website = new Option<string>("--website") { Description = "Your https website for the manifest's developer links", DefaultValueFactory = _ => "https://example.com/pakazbot" };
        var output = new Option<string>("--output") { Description = "Where to write the zip", DefaultValueFactory = _ => "pakazbot-teams.zip" };
        var package = new Command("package", "Write the Teams app package (manifest and icons) a Teams admin uploads") { appId, website, output };
        package.SetAction(r => Package(r.GetValue(appId)!, r.GetValue(website)!, r.GetValue(output)!, c.Output, c.Error));
        return new Command("teams", "Microsoft Teams: the app package") { package };
    }

    private static int Package(string appId, string website, string path, TextWriter output, TextWriter error)
    {
        if (!Guid.TryParse(appId, out var id))
        {
            error.WriteLine($"error: --app-id '{appId}' is not a GUID: use the bot's Microsoft App ID, such as 00000000-0000-0000-0000-000000000000");
            return Usage;
        }

        if (!Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme != Uri.UriSchemeHttps)
        {
            error.WriteLine($"error: --website '{website}' is not an https address");
            return Usage;
        }

        if (File.Exists(path))
        {
            error.WriteLine($"error: {Path.GetFullPath(path)} already exists; remove it or pass --output another path");
            return Failed;
        }

        TeamsPackage.Write(path, id, site);
        output.WriteLine($"Wrote {Path.GetFullPath(path)}: upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.");
        return Ok;
    }
}
