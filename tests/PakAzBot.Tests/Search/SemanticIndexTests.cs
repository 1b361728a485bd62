using System.Numerics.Tensors;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Tests.Search;

public sealed class SemanticIndexTests
{
    private const string Article = "tdi-2022-06-11-pakistan-azerbaijan-30-years.md";
    private const string Recognition = "On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.";

    /// <summary>The real model over the seed knowledge, built once for the tests that need real vectors.</summary>
    private static readonly Lazy<SemanticIndex> Real = new(() => SemanticIndex.Build(Seed.Knowledge, ArcticXsEncoder.Shared, cachePath: null));

    private static int DistinctTexts(KnowledgeBase knowledge) => SemanticIndex.Texts(knowledge).Distinct(StringComparer.Ordinal).Count();

    [Fact]
    public void ASecondBuildTakesEveryVectorFromTheCacheAndRunsTheModelZeroTimes()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, "vectors");
        var first = new FakeEncoder();
        var built = SemanticIndex.Build(Seed.Knowledge, first, cache);

        var second = new FakeEncoder();
        var rebuilt = SemanticIndex.Build(Seed.Knowledge, second, cache);

        Assert.Equal(DistinctTexts(Seed.Knowledge), first.Encoded.Count);
        Assert.Equal(first.Encoded.Count, built.Encoded);
        Assert.Empty(second.Encoded);
        Assert.Equal(0, rebuilt.Encoded);
        Assert.Equal(built.Encoded, rebuilt.Cached);
        var query = second.EncodeQuery("anything");
        Assert.All(Seed.Knowledge.Passages, p => Assert.Equal(built.Similarity(query, p), rebuilt.Similarity(query, p)));
        Assert.NotNull(SemanticIndex.FromCache(Seed.Knowledge, second, cache));
    }

    [Fact]
    public void FromCacheIsNullWhenAnyVectorIsMissingAndNeverRunsTheModel()
    {
        using var folder = new TempFolder();
        var encoder = new FakeEncoder();

        Assert.Null(SemanticIndex.FromCache(Seed.Knowledge, encoder, Path.Combine(folder.Path, "vectors")));
        Assert.Empty(encoder.Encoded);
    }

    [Fact]
    public void AChangedParagraphIsTheOnlyTextEmbeddedAgainAndTheOldOneLeavesTheCache()
    {
        using var knowledge = CopyOfSeed();
        var cache = Path.Combine(knowledge.Path, "..", Path.GetFileName(knowledge.Path) + ".vectors");
        try
        {
            SemanticIndex.Build(KnowledgeLoader.Load(knowledge.Path), new FakeEncoder(), cache);
            var file = Path.Combine(knowledge.Path, Article);
            const string Changed = "On 12 December 1991, Pakistan was the second state to recognize Azerbaijan, after Turkey.";
            File.WriteAllText(file, File.ReadAllText(file).Replace(Recognition, Changed, StringComparison.Ordinal));

            var encoder = new FakeEncoder();
            var rebuilt = SemanticIndex.Build(KnowledgeLoader.Load(knowledge.Path), encoder, cache);

            // A one-sentence paragraph: its text and its sentence are the same text, embedded once.
            Assert.Equal([Changed], encoder.Encoded);
            Assert.Equal(1, rebuilt.Encoded);
            var stored = VectorCache.Load(cache, encoder.Model, encoder.Dimensions);
            Assert.True(stored.TryGet(Changed, out _));
            Assert.False(stored.TryGet(Recognition, out _));
            Assert.Equal(DistinctTexts(KnowledgeLoader.Load(knowledge.Path)), stored.LoadedCount);
        }
        finally
        {
            File.Delete(cache);
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("other model")]
    [InlineData("empty")]
    public void ABadCacheFileIsIgnoredAndRewritten(string damage)
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, "vectors");
        SemanticIndex.Build(Seed.Knowledge, new FakeEncoder(damage == "other model" ? "another-model" : "fake-model"), cache);
        var bytes = File.ReadAllBytes(cache);
        switch (damage)
        {
            case "garbage":
                File.WriteAllText(cache, "not a vector cache at all");
                break;
            case "truncated":
                File.WriteAllBytes(cache, bytes[..(bytes.Length / 2)]);
                break;
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x40;
                File.WriteAllBytes(cache, bytes);
                break;
            case "empty":
                File.WriteAllBytes(cache, []);
                break;
        }

        var encoder = new FakeEncoder();
        var rebuilt = SemanticIndex.Build(Seed.Knowledge, encoder, cache);

        Assert.Equal(DistinctTexts(Seed.Knowledge), rebuilt.Encoded);
        Assert.Equal(rebuilt.Encoded, VectorCache.Load(cache, encoder.Model, encoder.Dimensions).LoadedCount);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public void AnUnwritableCacheOnlyCostsTime()
    {
        using var folder = new TempFolder();
        var blocker = folder.Write("file", "a file where the cache's folder should be");

        var built = SemanticIndex.Build(Seed.Knowledge, new FakeEncoder(), Path.Combine(blocker, "vectors"));

        Assert.Equal(DistinctTexts(Seed.Knowledge), built.Encoded);
    }

    [Fact]
    public void ConcurrentWritersLeaveAWholeCache()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, "vectors");

        Parallel.For(0, 8, _ => SemanticIndex.Build(Seed.Knowledge, new FakeEncoder(), cache));

        Assert.Equal(DistinctTexts(Seed.Knowledge), VectorCache.Load(cache, "fake-model", 384).LoadedCount);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public void NearestOrdersParagraphsAsANaiveComputationDoes()
    {
        var encoder = new FakeEncoder();
        var index = SemanticIndex.Build(Seed.Knowledge, encoder, cachePath: null);
        var query = encoder.EncodeQuery("When did Pakistan recognize Azerbaijan?");

        var naive = Seed.Knowledge.Passages
            .Select(p => (Passage: p, Score: Naive(query, FakeEncoder.VectorOf(p.Text))))
            .OrderByDescending(x => x.Score)
            .ToList();

        foreach (var count in new[] { 1, 5, Seed.Knowledge.Passages.Count, 1000 })
        {
            var hits = index.Nearest(query, count);
            Assert.Equal(naive.Take(count).Select(x => x.Passage.Id), hits.Select(h => h.Passage.Id));
            Assert.All(hits.Zip(naive), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 4));
        }

        Assert.Empty(index.Nearest(query, 0));
    }

    [Fact]
    public void SimilarityLooksUpTheParagraphAndSentenceVectors()
    {
        var encoder = new FakeEncoder();
        var index = SemanticIndex.Build(Seed.Knowledge, encoder, cachePath: null);
        var query = encoder.EncodeQuery("q");
        var passage = Seed.Knowledge.Passages.First(p => p.Sentences.Count > 1);

        Assert.Equal(Naive(query, FakeEncoder.VectorOf(passage.Text)), index.Similarity(query, passage), 4);
        for (var s = 0; s < passage.Sentences.Count; s++)
        {
            Assert.Equal(Naive(query, FakeEncoder.VectorOf(passage.Sentences[s].Text)), index.SentenceSimilarity(query, passage, s), 4);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => index.SentenceSimilarity(query, passage, passage.Sentences.Count));
        Assert.Throws<ArgumentException>(() => index.Similarity(new float[3], passage));
        Assert.Throws<ArgumentException>(() => index.Similarity(query, passage with { Number = 999 }));
    }

    [Fact]
    public void TheModelPutsAParaphraseNearerThanAnUnrelatedSentence()
    {
        var index = Real.Value;
        var recognition = Seed.Knowledge.Passages.Single(p => p.Text == Recognition);
        var trade = Seed.Knowledge.Passages.Single(p => p.Text.StartsWith("The average bilateral trade turnover", StringComparison.Ordinal));

        var query = index.EncodeQuery("In which year did Islamabad acknowledge Baku as an independent state?");

        Assert.Equal(384, query.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(query), 3);
        Assert.True(index.Similarity(query, recognition) > index.Similarity(query, trade) + 0.05f,
            $"recognition {index.Similarity(query, recognition)}, trade {index.Similarity(query, trade)}");
        Assert.Contains(recognition, index.Nearest(query, 3).Select(h => h.Passage));
        Assert.Equal("arctic-embed-xs", index.Model);
    }

    [Fact]
    public void TheModelIsSafeForConcurrentQueries()
    {
        var index = Real.Value;
        var expected = index.EncodeQuery("Pakistan recognized Azerbaijan");

        var vectors = new float[16][];
        Parallel.For(0, vectors.Length, i => vectors[i] = index.EncodeQuery("Pakistan recognized Azerbaijan"));

        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Dot(expected, v), 3));
    }

    [Fact]
    public void TheRealModelsVectorsRoundTripThroughTheCache()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, "vectors");
        var counting = new CountingEncoder(ArcticXsEncoder.Shared);
        SemanticIndex.Build(Seed.Knowledge, counting, cache);

        var reloaded = SemanticIndex.FromCache(Seed.Knowledge, counting, cache);

        Assert.NotNull(reloaded);
        Assert.Equal(DistinctTexts(Seed.Knowledge), counting.Documents);
        var query = reloaded.EncodeQuery("When did Pakistan recognize Azerbaijan?");
        Assert.All(Seed.Knowledge.Passages, p => Assert.Equal(Real.Value.Similarity(query, p), reloaded.Similarity(query, p), 4));
    }

    [Fact]
    public void ALuceneIndexSharesItsEngineWithTheCopyThatGainsVectors()
    {
        var knowledge = Seed.Knowledge;
        var lexical = LuceneIndex.BuildInMemory(knowledge);
        var vectors = SemanticIndex.Build(knowledge, new FakeEncoder(), cachePath: null);

        var upgraded = lexical.WithSemantic(vectors);
        lexical.Dispose();
        lexical.Dispose();

        Assert.Null(lexical.Semantic);
        Assert.Same(vectors, upgraded.Semantic);
        Assert.NotEmpty(upgraded.Search(upgraded.Analyze("Khojaly"), 3));
        upgraded.Dispose();
    }

    [Fact]
    public void TextIsPreparedAsTheModelsOwnTokenizerWould()
    {
        Assert.Equal("pakistan ' s role - in baku", ModelText.Prepare("pakistan’s role—in\nbaku").ToLowerInvariant());
        Assert.Equal("cafe au lait", ModelText.Prepare("cafe  au\tlait "));
    }

    private static float Naive(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return (float)sum;
    }

    private static TempFolder CopyOfSeed()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }
}
