using System.Text;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    private const string GoodFrontMatter = """
        ---
        id: test-doc
        title: A test document
        publisher: Test Wire
        published: 2022-06-11
        language: en
        ---

        """;

    [Fact]
    public void LoadsTheArticleWithItsMetadataSectionsAndParagraphs()
    {
        var knowledge = KnowledgeLoader.Load(TestPaths.Knowledge);

        var document = Assert.Single(knowledge.Documents);
        Assert.Equal("tdi-2022-06-11-pakistan-azerbaijan-30-years", document.Id);
        Assert.Equal("The Diplomatic Insight", document.Publisher);
        Assert.Equal(new DateOnly(2022, 6, 11), document.Published);
        Assert.Equal("Islamabad, 11 June 2022 (TDI)", document.Dateline);
        Assert.Equal(24, document.Paragraphs.Count);
        Assert.Equal(["Bilateral Relations", "Trade Partnership", "Defense Cooperation", "Recent Senate Resolution on Azerbaijan"], knowledge.Topics());
        Assert.Equal(Enumerable.Range(1, 24), document.Paragraphs.Select(p => p.Number));
        Assert.NotNull(knowledge.Synonyms);
    }

    [Fact]
    public void KeepsParagraphTextVerbatim()
    {
        var source = File.ReadAllText(TestPaths.Data("source-article.txt"));
        var knowledge = KnowledgeLoader.Load(TestPaths.Knowledge);

        foreach (var passage in knowledge.Passages.Where(p => p.Kind == PassageKind.Paragraph))
        {
            Assert.Contains(passage.Text, source, StringComparison.Ordinal);
        }

        var recognition = knowledge.Passages.Single(p => p.Text.Contains("second country", StringComparison.Ordinal));
        Assert.Equal("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", recognition.Text);
        Assert.Equal("Bilateral Relations", recognition.Section);
        Assert.Equal(7, recognition.Number);
    }

    [Fact]
    public void KeepsTheEmbeddedPostAsAQuoteWithItsAuthorAndDate()
    {
        var knowledge = KnowledgeLoader.Load(TestPaths.Knowledge);

        var quote = Assert.Single(knowledge.Passages, p => p.Kind == PassageKind.Quote);
        Assert.Equal("Azerbaijan Emb. to Pakistan (@AzEmbPak)", quote.Attribution);
        Assert.StartsWith("Pakistan XİN-də #Azərbaycan və #Pakistan", quote.Text, StringComparison.Ordinal);
        Assert.Equal("2022-06-10", Assert.Single(quote.Dates).Date.Iso);
        Assert.Null(quote.Section);
    }

    [Fact]
    public void RecognizesTheDatesOfEachSentence()
    {
        var knowledge = KnowledgeLoader.Load(TestPaths.Knowledge);
        var trade = knowledge.Passages.Single(p => p.Text.StartsWith("In October 1995", StringComparison.Ordinal));

        Assert.Equal(3, trade.Sentences.Count);
        Assert.Equal("1995-10", Assert.Single(trade.Sentences[0].Dates).Date.Iso);
        Assert.Equal("1998", Assert.Single(trade.Sentences[1].Dates).Date.Iso);
        Assert.Empty(trade.Sentences[2].Dates);
    }

    [Fact]
    public void ContentHashChangesWithTheContent()
    {
        using var folder = new TempFolder();
        folder.Write("a.md", GoodFrontMatter + "One paragraph.\n");
        var first = KnowledgeLoader.Load(folder.Path).ContentHash;
        Assert.Equal(first, KnowledgeLoader.Load(folder.Path).ContentHash);

        folder.Write("a.md", GoodFrontMatter + "One changed paragraph.\n");
        Assert.NotEqual(first, KnowledgeLoader.Load(folder.Path).ContentHash);
    }

    public static TheoryData<string, int, string> BadDocuments => new()
    {
        { "No front matter at all.\n", 1, "missing front matter" },
        { "---\nid: x\ntitle: t\n", 1, "not closed" },
        { "---\nid: bad-date\ntitle: T\npublisher: P\npublished: 2022-02-30\nlanguage: en\n---\n\nText.\n", 5, "published '2022-02-30' is not a date" },
        { "---\nid: no-publisher\ntitle: T\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n", 1, "missing front matter key 'publisher'" },
        { "---\nid: Bad Id!\ntitle: T\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n", 2, "id 'Bad Id!' is not valid" },
        { "---\nid: typo\ntitle: T\npublisher: P\npublised: 2022-06-11\nlanguage: en\n---\n\nText.\n", 5, "unknown front matter key 'publised'" },
        { "---\nid: yaml\ntitle: a: b: c\npublisher: P\n---\n\nText.\n", 3, "not valid YAML" },
        { "---\nid: yaml\ntitle: [unclosed\npublisher: P\n---\n\nText.\n", 2, "not valid YAML" },
        { "---\nid: empty\ntitle: T\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\n## Only a heading\n", 8, "no paragraphs" },
        { "---\nid: h1\ntitle: T\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\n# Title again\n\nText.\n", 9, "'# ' heading is not allowed" },
        { "---\nid: quote\ntitle: T\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\n> A quote with no attribution\n> still none\n", 10, "a quote needs a last line" },
        { "---\nid: url\ntitle: T\npublisher: P\npublished: 2022-06-11\nlanguage: en\nurl: not a url\n---\n\nText.\n", 7, "url 'not a url' is not an absolute" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void RefusesABadDocumentNamingFileLineAndFix(string text, int line, string message)
    {
        using var folder = new TempFolder();
        folder.Write("bad.md", text);

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));

        // Other errors may follow from the same mistake (a misspelt key is also a missing one); this one must be there.
        var error = Assert.Single(refused.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal("bad.md", error.File);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void RefusesBytesThatAreNotUtf8OnTheirLine()
    {
        using var folder = new TempFolder();
        var bytes = Encoding.UTF8.GetBytes(GoodFrontMatter + "Good line.\n\nBad ").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(" line.\n")).ToArray();
        folder.WriteBytes("latin.md", bytes);

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(10, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesEveryLineThatIsNotUtf8()
    {
        using var folder = new TempFolder();
        var latin = new byte[] { 0xC3, 0x28 };
        var bytes = Encoding.UTF8.GetBytes(GoodFrontMatter + "Good line.\n\nBad ").Concat(latin).Concat(Encoding.UTF8.GetBytes(" line.\n\nGood.\n\nAlso bad ")).Concat(latin).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        folder.WriteBytes("latin.md", bytes);

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));

        Assert.Equal([10, 14], refused.Errors.Select(e => e.Line));
    }

    [Fact]
    public void RefusesADuplicateIdNamingBothFiles()
    {
        using var folder = new TempFolder();
        folder.Write("a.md", GoodFrontMatter + "First.\n");
        folder.Write("b.md", GoodFrontMatter + "Second.\n");

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("b.md", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("duplicate id 'test-doc': a.md already uses it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneBadDocumentRefusesTheWholeFolderAndReportsEveryError()
    {
        using var folder = new TempFolder();
        folder.Write("good.md", GoodFrontMatter + "Fine.\n");
        folder.Write("bad1.md", "no front matter\n");
        folder.Write("bad2.md", GoodFrontMatter.Replace("2022-06-11", "11/06/2022") + "Text.\n");

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));

        Assert.Equal(["bad1.md", "bad2.md"], refused.Errors.Select(e => e.File).Order());
        Assert.Contains("nothing was loaded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeFilesAreDocumentationNotKnowledge()
    {
        using var folder = new TempFolder();
        folder.Write("README.md", "# How to add documents\n");
        folder.Write("doc.md", GoodFrontMatter + "Text.\n");

        Assert.Single(KnowledgeLoader.Load(folder.Path).Documents);
    }

    [Fact]
    public void HiddenFoldersAsInAMountedConfigMapAreSkipped()
    {
        using var folder = new TempFolder();
        folder.Write("..2026_11_27_10_00_00.123/doc.md", GoodFrontMatter + "Text.\n");
        folder.Write(".editor-backup.md", GoodFrontMatter + "Old text.\n");
        folder.Write("doc.md", GoodFrontMatter + "Text.\n");

        Assert.Single(KnowledgeLoader.Load(folder.Path).Documents);
    }

    [Fact]
    public void AMissingFolderIsAClearError()
    {
        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load("/no/such/folder"));

        Assert.Contains("does not exist", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HardWrappedParagraphLinesJoinIntoOneParagraph()
    {
        using var folder = new TempFolder();
        folder.Write("doc.md", GoodFrontMatter + "## Section\n\nFirst line\ncontinues here. Second sentence in June 2020.\n\nNext paragraph.\n");

        var passages = KnowledgeLoader.Load(folder.Path).Passages;

        Assert.Equal(2, passages.Count);
        Assert.Equal("First line continues here. Second sentence in June 2020.", passages[0].Text);
        Assert.Equal(2, passages[0].Sentences.Count);
        Assert.Equal(PartialDate.OfMonth(2020, 6), passages[0].Sentences[1].Dates.Single().Date);
        Assert.Equal("Section", passages[1].Section);
    }
}

/// <summary>How the loader gives each sentence its dates: against the publication date and the dated text before it.</summary>
public sealed class KnowledgeLoaderDateContextTests
{
    private const string FrontMatter = """
        ---
        id: context-doc
        title: A town's story
        publisher: Test Wire
        published: 2015-03-12
        language: en
        ---

        """;

    private static IReadOnlyList<Core.Knowledge.Passage> Load(string body)
    {
        using var folder = new TempFolder();
        folder.Write("doc.md", FrontMatter + body);
        return KnowledgeLoader.Load(folder.Path).Passages;
    }

    private static string Iso(IReadOnlyList<Core.Knowledge.Passage> passages, string sentenceStart) =>
        Assert.Single(passages.SelectMany(p => p.Sentences).Single(s => s.Text.StartsWith(sentenceStart, StringComparison.Ordinal)).Dates)
            .Date.Iso;

    [Fact]
    public void RelativeDatesReadAgainstTheLastDateOfThePreviousSentencesAndParagraphs()
    {
        var passages = Load("""
            The mill opened on 4 August 1961. It burned down two months later.

            The owners rebuilt it the following year.

            Nothing much happened for a while. On 20 September the new roof was finished.
            """);

        Assert.Equal("1961-10", Iso(passages, "It burned"));
        Assert.Equal("1962", Iso(passages, "The owners"));
        Assert.Equal("1962-09-20", Iso(passages, "On 20 September"));
    }

    [Fact]
    public void ExpressionsRelativeToPublicationIgnoreTheStory()
    {
        var passages = Load("""
            The mill opened in 1961. Last year it became a museum, and two years ago its wheel was restored.
            """);

        var museum = passages[0].Sentences[1].Dates;
        Assert.Equal(["2014", "2013"], museum.Select(d => d.Date.Iso));
        Assert.All(museum, d => Assert.Equal(DateBasis.Reference, d.Basis));
    }

    [Fact]
    public void AHeadingStartsAfreshSoADayWithoutAYearFallsBackToPublication()
    {
        var passages = Load("""
            ## Long ago

            The mill opened in 1961.

            ## Recent news

            The council met on 30 May to discuss it. It met again the following year.
            """);

        Assert.Equal("2014-05-30", Iso(passages, "The council"));
        Assert.Equal("2015", Iso(passages, "It met again"));
    }

    [Fact]
    public void AContextRelativeExpressionWithNothingBeforeItGetsNoDate()
    {
        var passages = Load("""
            The mill was rebuilt the following year.
            """);

        Assert.Empty(passages[0].Sentences[0].Dates);
    }

    [Fact]
    public void AQuoteDoesNotBecomeTheContext()
    {
        var passages = Load("""
            The mill opened in 1961.

            > The wheel turns again.
            > — Town Herald (@herald) March 1, 2015

            It closed two years later.
            """);

        Assert.Equal("1963", Iso(passages, "It closed"));
    }
}
