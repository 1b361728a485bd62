using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

namespace PakAzBot.Tests.Search;

public sealed class LuceneIndexTests
{
    private const string Doc = """
        ---
        id: defence-doc
        title: Defence
        publisher: Test Wire
        published: 2022-06-11
        language: en
        ---

        ## Defense Cooperation

        The two armies held joint drills in Baku.

        Trade between them grew.

        """;

    [Fact]
    public void IndexesOneDocumentPerParagraph()
    {
        var hits = Seed.Index.Search(Seed.Index.Analyze("Khojaly Genocide"), 100);

        var hit = Assert.Single(hits);
        Assert.Contains("condemning the Khojaly Genocide", hit.Passage.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recognise", "recognize")]
    [InlineData("defence", "defense")]
    [InlineData("ties", "relations")]
    [InlineData("petrol", "gasoline")]
    [InlineData("exercises", "drills")]
    public void AppliesSynonymsAtQueryTime(string typed, string inSources)
    {
        var query = Seed.Index.Analyze(typed);

        var term = Assert.Single(query.Terms);
        Assert.True(term.Known);
        var expected = Seed.Index.TermsOf(inSources).Single();
        Assert.Contains(expected, term.Terms);
        Assert.NotEmpty(Seed.Index.Search(query, 5));
    }

    [Fact]
    public void LeavesQuestionWordsOutOfQueries()
    {
        var query = Seed.Index.Analyze("When did Pakistan recognize Azerbaijan?");

        Assert.Equal(["Pakistan", "recognize", "Azerbaijan"], query.Terms.Select(t => t.Surface));
    }

    [Fact]
    public void CountsWordsTheSourcesNeverUseAsUnknown()
    {
        var query = Seed.Index.Analyze("population Baku");

        Assert.False(query.Terms[0].Known);
        Assert.True(query.Terms[1].Known);
    }

    [Fact]
    public void StemsTextTheSameWayForIndexAndQuery()
    {
        Assert.Equal(Seed.Index.TermsOf("signed"), Seed.Index.TermsOf("signing"));
    }

    [Fact]
    public void WritesAnOnDiskIndexAndOpensItForTheSameKnowledgeOnly()
    {
        using var disk = new OnDisk();
        var (knowledgeFolder, knowledge, path) = (disk.Knowledge, disk.Built, disk.IndexPath);

        using (var index = LuceneIndex.OpenOnDisk(knowledge, path))
        {
            Assert.NotNull(index);
            Assert.Equal(knowledge.ContentHash, index.ContentHash);
            var hit = Assert.Single(index.Search(index.Analyze("joint drills"), 5));
            Assert.StartsWith("The two armies", hit.Passage.Text, StringComparison.Ordinal);
        }

        knowledgeFolder.Write("doc.md", Doc + "A new paragraph.\n");
        var changed = KnowledgeLoader.Load(knowledgeFolder.Path);
        Assert.Null(LuceneIndex.OpenOnDisk(changed, path));
    }

    [Fact]
    public void AFailedRebuildLeavesThePreviousOnDiskIndexInPlace()
    {
        using var disk = new OnDisk();
        var (knowledgeFolder, knowledge, path) = (disk.Knowledge, disk.Built, disk.IndexPath);

        knowledgeFolder.Write("synonyms.txt", "good, fine\na => b => c\n");
        var withBadSynonyms = KnowledgeLoader.Load(knowledgeFolder.Path);
        var refused = Assert.Throws<KnowledgeValidationException>(() => LuceneIndex.BuildOnDisk(withBadSynonyms, path));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("synonyms.txt", error.File);
        Assert.Equal(2, error.Line);
        using var previous = LuceneIndex.OpenOnDisk(knowledge, path);
        Assert.NotNull(previous);
        Assert.Equal(["index"], Directory.GetDirectories(disk.Indexes.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ABuildWaitsForTheOneHoldingTheLockAndNeverRemovesItsFolderInTheMaking()
    {
        using var disk = new OnDisk();
        var (knowledgeFolder, path) = (disk.Knowledge, disk.IndexPath);

        // Another reindex, midway: it holds the lock and is writing its folder beside the index.
        var other = Directory.CreateDirectory(path + ".building-0th3r000").FullName;
        knowledgeFolder.Write("doc.md", Doc + "A new paragraph.\n");
        var changed = KnowledgeLoader.Load(knowledgeFolder.Path);
        using (new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Throws<IndexLockedException>(() => LuceneIndex.BuildOnDisk(changed, path, TimeSpan.FromMilliseconds(300)));
            Assert.True(Directory.Exists(other));
            Assert.Null(LuceneIndex.OpenOnDisk(changed, path));
        }

        // Once it is done, a build goes ahead (and clears what a killed one left).
        await Task.Run(() => LuceneIndex.BuildOnDisk(changed, path)).WaitAsync(TimeSpan.FromSeconds(30));
        using var built = LuceneIndex.OpenOnDisk(changed, path);
        Assert.NotNull(built);
        Assert.False(Directory.Exists(other));
    }

    [Fact]
    public void ConcurrentBuildsIntoOnePathAllSucceed()
    {
        using var disk = new OnDisk();

        Parallel.For(0, 4, _ => LuceneIndex.BuildOnDisk(disk.Built, disk.IndexPath));

        using var built = LuceneIndex.OpenOnDisk(disk.Built, disk.IndexPath);
        Assert.NotNull(built);
        Assert.Equal(["index"], Directory.GetDirectories(disk.Indexes.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SearchesSafelyFromManyThreads()
    {
        var questions = new[] { "recognize Azerbaijan", "trade turnover", "JF-17 Thunder", "Khojaly Genocide", "military drills" };
        var expected = questions.Select(q => Seed.Index.Search(Seed.Index.Analyze(q), 1)[0].Passage.Id).ToArray();

        Parallel.For(0, 400, i =>
        {
            var q = questions[i % questions.Length];
            Assert.Equal(expected[i % questions.Length], Seed.Index.Search(Seed.Index.Analyze(q), 1)[0].Passage.Id);
        });
    }

    /// <summary>A knowledge folder holding <see cref="Doc"/> and an on-disk index built from it.</summary>
    private sealed class OnDisk : IDisposable
    {
        public OnDisk()
        {
            Knowledge.Write("doc.md", Doc);
            Built = KnowledgeLoader.Load(Knowledge.Path);
            IndexPath = Path.Combine(Indexes.Path, "index");
            LuceneIndex.BuildOnDisk(Built, IndexPath);
        }

        public TempFolder Knowledge { get; } = new();

        public TempFolder Indexes { get; } = new();

        public KnowledgeBase Built { get; }

        public string IndexPath { get; }

        public void Dispose()
        {
            Knowledge.Dispose();
            Indexes.Dispose();
        }
    }
}
