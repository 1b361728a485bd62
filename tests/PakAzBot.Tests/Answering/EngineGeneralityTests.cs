using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// The answer engine's rules on documents that are not the seed article: invented countries' ministries, ports and
/// festivals, so that no rule can lean on words of the shipped sources.
/// </summary>
public sealed class EngineGeneralityTests : IDisposable
{
    internal const string Document = """
        ---
        id: ledger-2014-05-20-harbours
        title: Two harbours, one sea
        publisher: The Coastal Ledger
        published: 2014-05-20
        language: en
        ---

        ## Ports

        Norland recognized Estmark on 3 March 1921, a week after Westport did.

        The Estmark harbour authority sent two dredgers to Norland's port of Valby in 1930.

        Members of the Norland navy trained with Estmark crews every summer. The Nor river council met them in 1931.

        Recent figures show 1,200 Norland sailors studying at the Estmark naval school, while 40 Estmark cadets study in Norland.

        ## Culture

        The Valby jazz festival opened on 12 July 1962 with a concert by the Estmark brass band.

        Captain Ilse Brandt welcomed the first ferry from Estmark in 1975.
        """;

    private readonly TempFolder _folder = new();
    private readonly LuceneIndex _index;
    private readonly Answerer _answerer;

    public EngineGeneralityTests()
    {
        _folder.Write("ledger-2014-05-20-harbours.md", Document);
        _index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(_folder.Path));
        _answerer = new Answerer(_index);
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("When did Norland recognize Estmark?", "3 March 1921")]
    [InlineData("when did norland recognise estmark", "3 March 1921")]
    [InlineData("When did the jazz festival in Valby open?", "12 July 1962")]
    public void AnswersOnAnyDocuments(string question, string shortAnswer)
    {
        var answer = _answerer.Ask(question);

        Assert.True(answer.Answered, $"not answered: {question} ({answer.Outcome}, {answer.Confidence})");
        Assert.Equal(shortAnswer, answer.Short);
        Assert.Contains(answer.Text!, answer.Citations[0].Quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("When did the jaz festivall open?", "12 July 1962")]
    [InlineData("when did the valby jazz festivl open", "12 July 1962")]
    public void FindsThePassageThroughTypos(string question, string shortAnswer)
    {
        // Sure or not, the passage that answers comes first, and picking it gives its date.
        var answer = _answerer.Ask(question);
        Assert.Contains("jazz festival", FirstInReply.Of(answer).Quote, StringComparison.Ordinal);
        Assert.Equal(shortAnswer, FirstInReply.Settled(_answerer, question, answer).Short);
    }

    [Theory]
    [InlineData("When did Estmark recognize Norland?")]
    [InlineData("When did Valby send dredgers to Estmark?")]
    [InlineData("how many estmark sailors study at the norland naval school")]
    [InlineData("Did Estmark recognize Norland?")]
    [InlineData("did estmark ever recognise norland")]
    [InlineData("did valby ever send dredgers to estmark")]
    public void DeclinesAQuestionThatSwapsWhoDidWhat(string question)
    {
        var answer = _answerer.Ask(question);

        Assert.False(answer.Answered, $"answered \"{question}\" with \"{answer.Text}\"");
    }

    [Theory]
    [InlineData("did norland's navy train with estmark crews")]
    [InlineData("When did Norland's navy train with Estmark crews?")]
    public void ANameInThePossessiveIsNotTheSubjectOfTheVerb(string question)
    {
        // "Norland's navy": the navy trains, so a sentence that names the navy before Norland says the same thing.
        using var folder = new TempFolder();
        folder.Write("ledger-2014-05-20-harbours.md", Document.Replace(
            "Members of the Norland navy trained with Estmark crews every summer.", "The navy of Norland trained with Estmark crews in the summer of 1931.", StringComparison.Ordinal));
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));

        var answer = new Answerer(index).Ask(question);

        Assert.True(answer.Answered, $"declined: {question} ({answer.Confidence})");
        Assert.Contains("The navy of Norland trained with Estmark crews", answer.Text!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("When did the Norland navy meet the Nor river council?")]
    [InlineData("When did the Norland navy and the Nor council meet?")]
    [InlineData("when did norland crews train with nor crews")]
    public void SurvivesNamesThatArePrefixesOfOtherNames(string question)
    {
        var answer = _answerer.Ask(question);

        Assert.InRange(answer.Confidence, 0, 1);
    }

    [Fact]
    public void TakesASentenceOpeningWordForAnOrdinaryWordWhenTheSourcesWriteItInLowerCase()
    {
        var capitals = Capitalization.Of(_index.Knowledge);

        Assert.False(capitals.IsOrdinaryWord("Estmark"));
        Assert.True(capitals.IsOrdinaryWord("Recent") == false || !_index.Knowledge.Passages.Any(p => p.Text.Contains(" recent", StringComparison.Ordinal)));
        Assert.True(capitals.IsOrdinaryWord("The"));
    }

    [Fact]
    public void NamesThePersonNotTheWordThatOpensTheSentence()
    {
        var answer = _answerer.Ask("Who welcomed the first ferry from Estmark?");

        Assert.True(answer.Answered);
        Assert.Equal("Ilse Brandt", answer.Short);
    }

    [Theory]
    [InlineData("what happened in 1962", "jazz festival", "1962-07-12")]
    [InlineData("1921?", "recognized Estmark", "1921-03-03")]
    [InlineData("anything on 12 july 1962?", "jazz festival", "1962-07-12")]
    [InlineData("What happened in July 1962?", "jazz festival", "1962-07-12")]
    public void AnswersADateLedQuestionFromTheTimeline(string question, string passage, string iso)
    {
        var answer = _answerer.Ask(question);

        Assert.True(answer.Answered, $"declined: {question}");
        Assert.Contains(passage, answer.Text!, StringComparison.Ordinal);
        Assert.Equal(iso, answer.Date?.Date.Iso);
        Assert.InRange(answer.Confidence, 0, 1);
    }

    [Theory]
    [InlineData("what happened in 1995")]
    [InlineData("2003?")]
    [InlineData("anything on 1 january 1999?")]
    public void DeclinesADateLedQuestionWhenNothingIsDatedThen(string question)
    {
        var answer = _answerer.Ask(question);

        Assert.False(answer.Answered);
        Assert.Equal(0, answer.Confidence);
    }

    [Fact]
    public void ListsTheOtherStatementsOfTheRangeAsRelated()
    {
        using var folder = new TempFolder();
        folder.Write("ledger-2014-05-20-harbours.md", Document.Replace("in 1930", "in 1962", StringComparison.Ordinal));
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));

        var answer = new Answerer(index).Ask("what happened in 1962?");

        Assert.True(answer.Answered);
        Assert.Single(answer.Related);
        Assert.True(answer.Confidence < new Answerer(_index).Ask("what happened in 1962?").Confidence,
            "two statements in the range should leave less certainty than one");
    }

    private const string Chronicle = """
        ---
        id: courier-2003-04-02-flood
        title: A river remembered
        publisher: The Valley Courier
        published: 2003-04-02
        language: en
        ---

        The Kelmar flood of March 1961 drowned the lower town and left 2,400 families without homes.

        The inquiry that followed was chaired by Judge Mara Olsen, who blamed the dam's owners for the slow relief.

        Relief came slowly. Boats from the upper valley reached the mills only on the fourth day.

        Olsen later led the valley council. She succeeded Piet Varga, who had chaired it since 1950.
        """;

    [Theory]
    [InlineData("Who chaired the inquiry into the Kelmar flood?", "Mara Olsen")]
    [InlineData("who chaired the kelmar flood inquiry", "Mara Olsen")]
    public void FindsANameTheParagraphLeavesToTheOnesBeforeIt(string question, string shortAnswer)
    {
        using var folder = new TempFolder();
        folder.Write("courier-2003-04-02-flood.md", Chronicle);
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));

        var answerer = new Answerer(index);
        var asked = answerer.Ask(question);
        var closest = FirstInReply.Of(asked);
        var answer = FirstInReply.Settled(answerer, question, asked);

        Assert.Contains("chaired by Judge Mara Olsen", closest.Quote, StringComparison.Ordinal);
        Assert.Equal(shortAnswer, answer.Short);
        Assert.DoesNotContain("Kelmar", answer.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public void APronounIsNeverTheNameAnswered()
    {
        using var folder = new TempFolder();
        folder.Write("courier-2003-04-02-flood.md", Chronicle);
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));

        var answer = new Answerer(index).Ask("Who did Mara Olsen succeed on the valley council?");

        Assert.NotEqual("She", answer.Short);
        Assert.NotEqual("Olsen", answer.Short);
        if (answer.Answered)
        {
            Assert.Equal("Piet Varga", answer.Short);
        }
    }
}
