using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PakAzBot.Tests.Teams;

public sealed class TeamsPackageTests
{
    [Fact]
    public void PackageHoldsTheManifestWithTheAppIdAndBothIcons()
    {
        using var folder = new TempFolder();
        var zip = Path.Combine(folder.Path, "app.zip");
        var output = new StringWriter();

        var exit = PakAzBot.Cli.Run(["teams", "package", "--app-id", "8c7d1c1a-0000-4000-8000-0000000000b0", "--output", zip, "--website", "https://bots.example.org"], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(0, exit);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
        using var manifestStream = archive.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal("8c7d1c1a-0000-4000-8000-0000000000b0", manifest["id"]!.GetValue<string>());
        var bot = manifest["bots"]![0]!;
        Assert.Equal("8c7d1c1a-0000-4000-8000-0000000000b0", bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["ask", "timeline", "sources", "help"], bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        Assert.Equal("https://bots.example.org/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((192, 192), PngSize(archive, "color.png"));
        Assert.Equal((32, 32), PngSize(archive, "outline.png"));
    }

    [Theory]
    [InlineData("not-a-guid", "https://example.org")]
    [InlineData("8c7d1c1a-0000-4000-8000-0000000000b0", "http://insecure.example.org")]
    public void RefusesABadAppIdOrWebsite(string appId, string website)
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["teams", "package", "--app-id", appId, "--website", website, "--output", Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".zip")], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.StartsWith("error:", error.ToString(), StringComparison.Ordinal);
    }

    private static (int Width, int Height) PngSize(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        Assert.Equal("\u0089PNG", System.Text.Encoding.Latin1.GetString(header, 0, 4));
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
