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

    /// <summary>
    /// The limits of the app manifest schema (v1.29; unchanged since 1.17 for these fields) that Teams enforces when
    /// the package is uploaded: it refuses a package that breaks one.
    /// </summary>
    [Fact]
    public void TheManifestKeepsWithinTheSchemasLimits()
    {
        using var archive = Package();
        using var stream = archive.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;

        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal("https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.InRange(manifest["name"]!["short"]!.GetValue<string>().Length, 1, 30);
        Assert.InRange(manifest["name"]!["full"]!.GetValue<string>().Length, 1, 100);
        Assert.InRange(manifest["description"]!["short"]!.GetValue<string>().Length, 1, 80);
        Assert.InRange(manifest["description"]!["full"]!.GetValue<string>().Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest["accentColor"]!.GetValue<string>());
        foreach (var list in manifest["bots"]![0]!["commandLists"]!.AsArray())
        {
            var commands = list!["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            foreach (var command in commands)
            {
                Assert.InRange(command!["title"]!.GetValue<string>().Length, 1, 32);
                Assert.InRange(command["description"]!.GetValue<string>().Length, 1, 128);
            }
        }
    }

    /// <summary>Teams' icon rules: colour 192×192; outline 32×32 with only white and transparent pixels.</summary>
    [Fact]
    public void TheIconsAreTheSizesAndColoursTeamsRequires()
    {
        using var archive = Package();

        var color = Png.Read(archive.GetEntry("color.png")!.Open());
        var outline = Png.Read(archive.GetEntry("outline.png")!.Open());

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = outline.Pixels().ToList();
        Assert.Equal(32 * 32, pixels.Count);
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither transparent nor white"));
        Assert.Contains(pixels, p => p.A > 0);
        Assert.Contains(pixels, p => p.A == 0);
    }

    private static ZipArchive Package()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"pakazbot-teams-{Guid.NewGuid():N}.zip");
        PakAzBot.Teams.TeamsPackage.Write(zip, Guid.Parse("8c7d1c1a-0000-4000-8000-0000000000b0"), new Uri("https://bots.example.org"));
        var bytes = File.ReadAllBytes(zip);
        File.Delete(zip);
        return new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
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

    /// <summary>Just enough PNG to check an icon: 8-bit RGBA or RGB, not interlaced (anything else fails the test).</summary>
    private sealed record Png(int Width, int Height, int Channels, byte[] Data)
    {
        public static Png Read(Stream stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            int width = 0, height = 0, channels = 0;
            var idat = new MemoryStream();
            for (var at = 8; at < bytes.Length;)
            {
                var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = bytes.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data);
                    height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    Assert.Equal(0, data[12]);
                    channels = data[9] switch { 6 => 4, 2 => 3, _ => throw new Xunit.Sdk.XunitException($"PNG colour type {data[9]} is not RGB or RGBA") };
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            var raw = new MemoryStream();
            inflate.CopyTo(raw);
            return new Png(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
        }

        public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
        {
            for (var i = 0; i < Data.Length; i += Channels)
            {
                yield return (Data[i], Data[i + 1], Data[i + 2], Channels == 4 ? Data[i + 3] : (byte)255);
            }
        }

        // PNG's per-row filters (None, Sub, Up, Average, Paeth), undone.
        private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
        {
            var stride = width * bpp;
            var output = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    var value = raw[(y * (stride + 1)) + 1 + x];
                    int a = x >= bpp ? output[(y * stride) + x - bpp] : 0;
                    int b = y > 0 ? output[((y - 1) * stride) + x] : 0;
                    int c = x >= bpp && y > 0 ? output[((y - 1) * stride) + x - bpp] : 0;
                    var predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new Xunit.Sdk.XunitException($"PNG filter {filter} is not valid"),
                    };
                    output[(y * stride) + x] = (byte)(value + predictor);
                }
            }

            return output;
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
