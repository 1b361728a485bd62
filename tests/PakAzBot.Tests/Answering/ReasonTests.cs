using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// A why-question's short answer is the reason the sentence gives: a cause ("because of", "amid", "in response to"), a
/// purpose ("in order to", "so that") or the event something followed ("was called off after the floods"). Invented
/// documents, so no cue leans on the shipped sources.
/// </summary>
public sealed class ReasonTests : IDisposable
{
    private const string Document = """
        ---
        id: gazette-1970-01-05-valby
        title: A year in Valby
        publisher: The Valby Gazette
        published: 1970-01-05
        language: en
        ---

        ## Festivals

        The Valby jazz festival of 1963 was called off after the spring floods on the river Nor.

        The harbour board moved the fish market inland in order to make room for the ferry terminal.

        Estmark closed its consulate in Valby in 1968 amid a dispute over fishing rights.

        The band played in the old town hall because the new hall was not finished.
        """;

    private readonly TempFolder _folder = new();
    private readonly LuceneIndex _index;

    public ReasonTests()
    {
        _folder.Write("gazette-1970-01-05-valby.md", Document);
        _index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(_folder.Path));
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("Why was the Valby jazz festival of 1963 called off?", "the spring floods on the river Nor")]
    [InlineData("Why did the harbour board move the fish market inland?", "make room for the ferry terminal")]
    [InlineData("Why did Estmark close its consulate in Valby?", "a dispute over fishing rights")]
    [InlineData("Why did the band play in the old town hall?", "the new hall was not finished")]
    public void TheShortAnswerIsTheReasonTheSentenceGives(string question, string reason)
    {
        var answerer = new Answerer(_index);
        var answer = FirstInReply.Settled(answerer, question, answerer.Ask(question));

        Assert.Equal(reason, answer.Short);
    }

    [Fact]
    public void AfterIsACauseOnlyAfterWhatHappenedToSomething()
    {
        // "The band played after the mayor spoke" says when, not why: only "was called off after …" reads as a cause.
        using var folder = new TempFolder();
        folder.Write("gazette-1970-01-05-valby.md", Document.Replace(
            "The band played in the old town hall because the new hall was not finished.",
            "The band played after the mayor spoke.", StringComparison.Ordinal));
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));
        var answerer = new Answerer(index);
        const string question = "Why did the band play?";

        Assert.Null(FirstInReply.Settled(answerer, question, answerer.Ask(question)).Short);
    }
}
