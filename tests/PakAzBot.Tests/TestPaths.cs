using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

namespace PakAzBot.Tests;

/// <summary>The repository's own knowledge folder and test data, found from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Knowledge => Path.Combine(RepositoryRoot, "knowledge");

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PakAzBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PakAzBot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// One index over the seed knowledge, shared by the tests that only read it (the index is thread-safe): BM25 with
/// the semantic vectors of the real model, as the product serves by default. <see cref="Lexical"/> is BM25 alone.
/// </summary>
internal static class Seed
{
    private static readonly Lazy<LuceneIndex> LazyLexical = new(() => LuceneIndex.BuildInMemory(KnowledgeLoader.Load(TestPaths.Knowledge)));
    private static readonly Lazy<LuceneIndex> LazyHybrid = new(() => Hybrid(LazyLexical.Value.Knowledge));

    public static LuceneIndex Index => LazyHybrid.Value;

    public static LuceneIndex Lexical => LazyLexical.Value;

    public static KnowledgeBase Knowledge => Lexical.Knowledge;

    /// <summary>BM25 and vectors over any knowledge, the model shared by every test (no cache file: the seed is small).</summary>
    public static LuceneIndex Hybrid(KnowledgeBase knowledge) =>
        LuceneIndex.BuildInMemory(knowledge, PakAzBot.Search.Semantic.SemanticIndex.Build(knowledge, PakAzBot.Search.Semantic.ArcticXsEncoder.Shared, cachePath: null));
}

/// <summary>The hybrid index over the six-document dev2 corpus (test fixtures only; they never ship).</summary>
internal static class Dev2
{
    private static readonly Lazy<LuceneIndex> Lazy = new(() => Seed.Hybrid(KnowledgeLoader.Load(TestPaths.Data(Path.Combine("dev2", "corpus")))));

    public static LuceneIndex Index => Lazy.Value;
}

/// <summary>Questions over the seed knowledge whose outcome the surface tests rely on.</summary>
internal static class Questions
{
    /// <summary>
    /// Names something the sources never mention beside words they do: by rule the engine then never asserts an
    /// answer, and offers the closest passages instead.
    /// </summary>
    public const string Suggested = "When did Pakistan and Azerbaijan sign the Zorblax trade accord?";
}

/// <summary>The hybrid index over the twelve-document training corpus (test fixtures only; they never ship).</summary>
internal static class Train
{
    private static readonly Lazy<LuceneIndex> Lazy = new(() => Seed.Hybrid(KnowledgeLoader.Load(TestPaths.Data(Path.Combine("train", "corpus")))));

    public static LuceneIndex Index => Lazy.Value;
}

/// <summary>A throw-away knowledge folder.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pakazbot-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
