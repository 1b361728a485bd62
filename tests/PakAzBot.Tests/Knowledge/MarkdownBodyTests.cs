using PakAzBot.Core.Knowledge;

namespace PakAzBot.Tests.Knowledge;

/// <summary>What moderators paste as Markdown becomes the text a reader sees, and that is what is quoted.</summary>
public sealed class MarkdownBodyTests
{
    private const string FrontMatter = "---\nid: doc\ntitle: T\npublisher: Test Wire\npublished: 2022-06-11\nlanguage: en\n---\n\n";

    private static IReadOnlyList<Passage> Load(string body)
    {
        using var folder = new TempFolder();
        folder.Write("doc.md", FrontMatter + body);
        return KnowledgeLoader.Load(folder.Path).Passages;
    }

    private static KnowledgeValidationException Refuse(string body)
    {
        using var folder = new TempFolder();
        folder.Write("doc.md", FrontMatter + body);
        return Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(folder.Path));
    }

    [Fact]
    public void LinksEmphasisAndCodeBecomeTheTextAReaderSees()
    {
        var passage = Assert.Single(Load(
            "The [Senate of Pakistan](https://senate.gov.pk/resolution?id=5) passed a **unanimous** resolution on *30 May 2022*, filed as `RES-17`.\n"));

        Assert.Equal("The Senate of Pakistan passed a unanimous resolution on 30 May 2022, filed as RES-17.", passage.Text);
        Assert.Equal("2022-05-30", Assert.Single(passage.Sentences[0].Dates).Date.Iso);
    }

    [Fact]
    public void EachListItemIsAPassageNumberedInOrder()
    {
        var passages = Load("## Agreements\n\nThe two sides signed:\n\n- a trade deal in *October 1995*;\n- a military agreement in February 2014.\n\nClosing words.\n");

        Assert.Equal(["The two sides signed:", "a trade deal in October 1995;", "a military agreement in February 2014.", "Closing words."], passages.Select(p => p.Text));
        Assert.Equal([1, 2, 3, 4], passages.Select(p => p.Number));
        Assert.All(passages, p => Assert.Equal("Agreements", p.Section));
        Assert.Equal([11, 13, 14, 16], passages.Select(p => p.Line));
    }

    [Fact]
    public void HardAndSoftLineBreaksJoinAParagraphWithSpaces()
    {
        var passage = Assert.Single(Load("The delegation arrived  \nin Baku\\\non Monday\nand left on Friday.\n"));

        Assert.Equal("The delegation arrived in Baku on Monday and left on Friday.", passage.Text);
    }

    [Fact]
    public void CommentsImagesAndRulesAreNotText()
    {
        var passages = Load("<!-- pasted from the wire -->\n\n![A photo of the ceremony](photo.jpg)\n\n---\n\nThe ceremony was held on <span>Friday</span>.\n");

        Assert.Equal("The ceremony was held on Friday.", Assert.Single(passages).Text);
    }

    [Fact]
    public void AQuoteWithMarkupKeepsItsLinesAndAttribution()
    {
        var quote = Assert.Single(Load("> Celebrating **30 years** of [#Azerbaijan](https://x.com/hashtag/Azerbaijan) and Pakistan\n> — Azerbaijan Emb. to Pakistan (@AzEmbPak) June 10, 2022\n"));

        Assert.Equal(PassageKind.Quote, quote.Kind);
        Assert.Equal("Celebrating 30 years of #Azerbaijan and Pakistan\n— Azerbaijan Emb. to Pakistan (@AzEmbPak) June 10, 2022", quote.Text);
        Assert.Equal("Azerbaijan Emb. to Pakistan (@AzEmbPak)", quote.Attribution);
        Assert.Equal("2022-06-10", Assert.Single(quote.Dates).Date.Iso);
    }

    [Fact]
    public void ErrorsInsideListsAndQuotesKeepTheirLines()
    {
        var refused = Refuse("Intro.\n\n- item\n\n  > A quote with no attribution\n  > still none\n\n# Title\n");

        Assert.Equal([14, 16], refused.Errors.Select(e => e.Line).Order());
    }

    [Theory]
    [InlineData('>')]
    [InlineData('[')]
    [InlineData('*')]
    [InlineData('-')]
    public void DeeplyNestedMarkdownIsRefusedOrReadNeverAStackOverflow(char opener)
    {
        var body = opener == '-'
            ? string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i * 2) + "- x\n"))
            : new string(opener, 100_000) + " text\n";
        using var folder = new TempFolder();
        folder.Write("doc.md", FrontMatter + body);

        // Either outcome is fine; what must not happen is the process going down.
        try
        {
            KnowledgeLoader.Load(folder.Path);
        }
        catch (KnowledgeValidationException refused)
        {
            Assert.All(refused.Errors, e => Assert.Equal("doc.md", e.File));
        }
    }
}
