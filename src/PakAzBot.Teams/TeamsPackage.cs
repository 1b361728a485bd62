using System.IO.Compression;
using System.Text;

namespace PakAzBot.Teams;

/// <summary>
/// Writes the Teams app package a Teams admin uploads: manifest.json (with the bot's app id and the website filled in)
/// and the colour and outline icons, from the files in deploy/teams.
/// </summary>
public static class TeamsPackage
{
    private static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    public static void Write(string path, Guid appId, Uri website)
    {
        if (website.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("the website must be an https address: Teams requires it", nameof(website));
        }

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var name in Files)
        {
            var bytes = Resource(name);
            if (name == "manifest.json")
            {
                bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)
                    .Replace("{{BOT_APP_ID}}", appId.ToString("D"), StringComparison.Ordinal)
                    .Replace("{{WEBSITE_URL}}", website.ToString().TrimEnd('/'), StringComparison.Ordinal));
            }

            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var stream = entry.Open();
            stream.Write(bytes);
        }
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(TeamsPackage).Assembly.GetManifestResourceStream("PakAzBot.Teams.Package." + name)
            ?? throw new InvalidOperationException($"{name} is not built into the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
