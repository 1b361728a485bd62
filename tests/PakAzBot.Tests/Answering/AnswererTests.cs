using PakAzBot.Core.Answering;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Tests.Answering;

public sealed class AnswererTests
{
    private static readonly Answerer Answerer = new(Seed.Index);

    [Theory]
    [InlineData("When did Pakistan recognize Azerbaijan?", "second country to recognize", "12 December 1991", "1991-12-12")]
    [InlineData("when did pakistan recognise azerbaijan", "second country to recognize", "12 December 1991", "1991-12-12")]
    [InlineData("When were diplomatic ties established?", "relations between the two countries were established", "June 1992", "1992-06")]
    [InlineData("When did the trade partnership end?", "the partnership came to an end", "1998", "1998")]
    [InlineData("When was the anniversary celebrated?", "celebrated the 30th anniversary", "10 June 2022", "2022-06-10")]
    [InlineData("When did the Senate pass its resolution?", "unanimously passed a resolution", "30 May 2022", "2022-05-30")]
    [InlineData("In what year did Pakistani armed forces discuss the JF-17 with Baku?", "JF-17 Thunder fighter jet", "2018", "2018")]
    [InlineData("the 1995 trade pact ended when", "the partnership came to an end", "1998", "1998")]
    [InlineData("On which day did the two countries mark 30 years of diplomatic ties?", "celebrated the 30th anniversary", "10 June 2022", "2022-06-10")]
    public void AnswersWhenQuestionsWithTheNormalizedDate(string question, string passage, string shortAnswer, string iso)
    {
        // Asserted or offered first, the closest passage is the one that says it, and its answer is the normalized date.
        var answer = Answerer.Ask(question);
        var closest = FirstInReply.Of(answer);
        Assert.Contains(passage, closest.Quote, StringComparison.Ordinal);

        var its = FirstInReply.Settled(Answerer, question, answer);
        Assert.Equal(shortAnswer, its.Short);
        Assert.Equal(iso, its.Date?.Date.Iso);
        Assert.Contains(its.Text!, closest.Quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Who is the Azerbaijani ambassador?", "Khazar Farhadov")]
    [InlineData("Who is Pakistan's foreign secretary?", "Sohail Mahmood")]
    [InlineData("Who opened the exhibition?", "Sohail Mahmood and Khazar Farhadov")]
    [InlineData("Which country recognized Azerbaijan first?", "Turkey")]
    [InlineData("Who built the JF-17?", "Pakistan and China")]
    [InlineData("Which jet did Baku want to buy?", "JF-17 Thunder")]
    [InlineData("Where was the photo show held?", "Foreign Office")]
    [InlineData("How many military units did Pakistan train?", "almost a hundred")]
    [InlineData("How much was the average trade turnover?", "7.3 million USD")]
    [InlineData("Why do Islamabad and Baku have good relations?", "both countries were formed on Islamic principles")]
    [InlineData("whats the name of azerbaijan's envoy in islamabad", "Khazar Farhadov")]
    [InlineData("Who is Azerbaijan's ambassador?", "Khazar Farhadov")]
    [InlineData("how many economic groups do pakistan and azerbaijan have now", "The only economic group")]
    public void GivesAShortAnswerTakenFromTheQuotedSentence(string question, string shortAnswer)
    {
        var asked = Answerer.Ask(question);
        var answer = FirstInReply.Settled(Answerer, question, asked);

        Assert.Equal(shortAnswer, answer.Short);
        foreach (var part in shortAnswer.Split(" and "))
        {
            Assert.Contains(part, answer.Text!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("When did Pakistan recognize India?")]
    [InlineData("when did pakistan recognize india")]
    [InlineData("What is the population of Baku?")]
    [InlineData("What is the capital of Azerbaijan?")]
    [InlineData("Who is the president of Azerbaijan?")]
    [InlineData("How do I bake a chocolate cake?")]
    [InlineData("Who won the 2022 FIFA World Cup?")]
    [InlineData("When did Turkey recognize Armenia?")]
    [InlineData("What is the top speed of the JF-17?")]
    [InlineData("How many soldiers died in the Karabakh war?")]
    [InlineData("When did Turkey recognise Azerbaijan?")]
    [InlineData("who is pakistan's ambassador in baku")]
    [InlineData("does pakistan have diplomatic relations with armenia?")]
    [InlineData("what were the sept 2021 war games called")]
    [InlineData("azerbaijan gdp 2022")]
    [InlineData("What was the bilateral trade volume in 2021?")]
    [InlineData("How old is Foreign Secretary Sohail Mahmood?")]
    [InlineData("have pakistan and azerbaijan ever played each other at cricket")]
    [InlineData("what price does azerbaijan charge pakistan for oil")]
    public void AbstainsWhenTheSourcesDoNotAnswer(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.False(answer.Answered, $"answered \"{question}\" with: {answer.Text}");
        Assert.Null(answer.Text);
        Assert.Null(answer.Short);
        Assert.Null(answer.Date);
        Assert.Empty(answer.Citations);
        Assert.NotEmpty(answer.Topics);
        Assert.True(answer.Confidence < Answerer.AnswerFrom);
    }

    [Fact]
    public void AbstainsWhenQuestionNamesACountryNotInSources()
    {
        var answer = Answerer.Ask("When did Pakistan recognize India?");

        Assert.Equal(AbstentionReason.UnknownSubject, answer.Reason);
        Assert.Equal(["India"], answer.UnknownWords);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("what is the")]
    [InlineData("\u0000\u0007")]
    public void TreatsAnEmptyQuestionAsNoQuestion(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AbstentionReason.NoQuestion, answer.Reason);
    }

    [Fact]
    public void AnswersTheQuestionAsTheNormalizerCleansIt()
    {
        Assert.Equal("When did Pakistan recognize Azerbaijan?", Answerer.Ask("When\u0000 did\tPakistan\r\nrecognize Azerbaijan?\u0007").Question);
        Assert.Equal("when did Pakistan recognize Azerbaijan?", Answerer.Ask("<@123456789012345678> hey, does anyone know when did Pakistan recognize Azerbaijan?").Question);
        Assert.True(Answerer.Ask(new string('x', 10_000)).Question.Length <= PakAzBot.Core.Answering.Answerer.MaxQuestionLength);
    }

    [Fact]
    public void QuotesWholeSentencesVerbatimAndIncludesTheSentenceARefersBackTo()
    {
        var answer = Answerer.Ask("Which sectors does the political relationship open for collaboration?");

        Assert.True(answer.Answered);
        Assert.Equal(
            "Azerbaijan and Pakistan have a unique political relationship that goes beyond borders and distance. It paves the way for collaboration in a variety of fields, particularly the commercial and defense sectors.",
            answer.Text);
    }

    [Fact]
    public void ConfidenceIsHighForAFullMatchAndLowerForAPartialOne()
    {
        var full = Answerer.Ask("When did Pakistan recognize Azerbaijan?");
        var partial = Answerer.Ask("When did Pakistan formally recognize Azerbaijan?");

        Assert.True(full.Answered);
        Assert.InRange(full.Confidence, Answerer.AnswerFrom, 1);
        Assert.InRange(partial.Confidence, 0, full.Confidence);
        Assert.Equal(full.Citations[0].Passage, FirstInReply.Of(partial).Passage);
    }

    [Fact]
    public void OffersRelatedPassagesOtherThanTheCitedOne()
    {
        var answer = Answerer.Ask("When did Pakistan and Azerbaijan sign a trade agreement?");

        Assert.InRange(answer.Related.Count, 1, 2);
        Assert.DoesNotContain(answer.Related, r => r.Passage == answer.Citations[0].Passage);
    }

    [Fact]
    public void RendersTheShortAnswerQuoteCitationAndEventDate()
    {
        var text = MarkdownRenderer.Render(Answerer.Ask("When did Pakistan recognize Azerbaijan?"));

        Assert.StartsWith("**12 December 1991**\n\n> On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.\n\n"
            + "— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7\nEvent date: 12 December 1991 · Confidence: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RendersAnAbstentionPlainlyWithWhatTheSourcesCover()
    {
        // Declined: nothing in the sources is close (a question naming only what they never mention beside words they
        // use, such as "When did Pakistan recognize India?", gets the closest passages instead).
        var answer = Answerer.Ask("What is the capital of France?");
        var text = MarkdownRenderer.Render(answer, "(the surface's hint)");

        Assert.Equal(AnswerOutcome.Declined, answer.Outcome);
        Assert.Contains("I can't answer that from my sources: they do not mention “France”.", text, StringComparison.Ordinal);
        Assert.Contains("Bilateral Relations", text, StringComparison.Ordinal);
        // Each surface names its own commands; the renderer suggests none of its own.
        Assert.EndsWith("(the surface's hint)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/timeline", MarkdownRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void CitesTheQuotedPostWithItsAuthorAndDate()
    {
        var quote = Seed.Knowledge.Passages.Single(p => p.Kind == PakAzBot.Core.Knowledge.PassageKind.Quote);

        var line = MarkdownRenderer.CitationLine(new Citation(Seed.Knowledge.DocumentOf(quote), quote));

        Assert.Equal("— Azerbaijan Emb. to Pakistan (@AzEmbPak), 10 June 2022, quoted by The Diplomatic Insight, 11 June 2022 · ¶5", line);
    }

    [Fact]
    public void AnswersTheSameFromManyThreads()
    {
        var questions = new[] { "When did Pakistan recognize Azerbaijan?", "Who is the Azerbaijani ambassador?", "What is the capital of France?" };
        var expected = questions.Select(q => Answerer.Ask(q).Short).ToArray();

        Parallel.For(0, 200, i => Assert.Equal(expected[i % 3], Answerer.Ask(questions[i % 3]).Short));
    }
}
