using PakAzBot.Core.Answering;
using PakAzBot.Core.Answering.Pipeline;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// What the stages read of a chat message: the segments that ask, and around them only what names something, holds a
/// figure, is pointed back to, or (before the question) says something the sources speak of without being about the
/// asker. The words of the sources are invented (Norland, Estmark), so no rule can lean on the shipped article.
/// </summary>
public sealed class QuestionClauseTests : IDisposable
{
    // The sources "speak of" these words; names are capitalized words of the invented countries.
    private static readonly HashSet<string> SourceWords = new(StringComparer.OrdinalIgnoreCase) { "harbour", "festival", "ports", "dredgers", "embassy" };

    private static string Read(string message) => QuestionClause.Of(
        message,
        segment => segment.Split(' ', ',', '.', '?').Any(SourceWords.Contains),
        segment => segment.Contains("Norland", StringComparison.OrdinalIgnoreCase) || segment.Contains("Estmark", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("doing a project on ports. when did norland recognize estmark?", "when did norland recognize estmark?")]
    [InlineData("history nerd here. when did the festival open?", "when did the festival open?")]
    [InlineData("my nephew likes boats. where did the dredgers go?", "where did the dredgers go?")]
    [InlineData("quick q, when did the festival open?", "when did the festival open?")]
    [InlineData("sorry if dumb question, but who welcomed the ferry?", "who welcomed the ferry?")]
    [InlineData("sorry if this is dumb but when did the festival open? for my class", "when did the festival open?")]
    [InlineData("random but: who welcomed the ferry?", "who welcomed the ferry?")]
    [InlineData("ok last one from me - who welcomed the ferry?", "who welcomed the ferry?")]
    [InlineData("travel blogger here ✈️ who welcomed the ferry?", "who welcomed the ferry?")]
    [InlineData("who welcomed the ferry? my cousin is applying", "who welcomed the ferry?")]
    [InlineData("who welcomed the ferry? planning a family trip", "who welcomed the ferry?")]
    [InlineData("who welcomed the ferry? asking for a class", "who welcomed the ferry?")]
    public void TheAskerAndTheChatAroundTheQuestionGo(string message, string read)
    {
        Assert.Equal(read, Read(message));
    }

    [Theory]
    [InlineData("In 1921, which country recognized Estmark?")]
    [InlineData("Apart from the embassy, which offices are there?")]
    [InlineData("According to the harbour authority, when did the dredgers leave?")]
    [InlineData("my teacher mentioned a jazz concert. when did it open?")]
    [InlineData("I read that a ferry came once. when was that?")]
    [InlineData("my uncle says Norland sent ships. which ships were they?")]
    [InlineData("who welcomed the ferry? and when?")]
    [InlineData("who welcomed the ferry? the one from Estmark")]
    [InlineData("who welcomed the ferry in 1975? or was it 1976")]
    public void WhatTheQuestionNeedsStays(string message)
    {
        Assert.Equal(message, Read(message));
    }

    [Theory]
    [InlineData("Tell us about the harbour. The ports are busy.")]
    [InlineData("norland estmark 1921")]
    [InlineData("hi")]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("👋")]
    public void AMessageInWhichNothingAsksIsReadAsItIs(string message)
    {
        Assert.Equal(message, Read(message));
    }

    [Fact]
    public void TheQuestionIsNeverLostWhateverSurroundsIt()
    {
        var random = new Random(7);
        string[] pieces = ["hi.", "my son asked.", "quick q,", "when did the festival open?", "🙂", "thanks!", "- ", ": ", "who came?", "in 1962.", "I guess", "(lol)", "\uD83D", "…"];
        for (var i = 0; i < 2000; i++)
        {
            var message = string.Join(' ', Enumerable.Range(0, random.Next(1, 7)).Select(_ => pieces[random.Next(pieces.Length)]));
            var read = Read(message);

            Assert.True(read.Any(char.IsLetterOrDigit) || read == message, $"'{message}' read as '{read}'");
            if (message.Contains("when did the festival open?", StringComparison.Ordinal))
            {
                Assert.True(read.Contains("when did the festival open?", StringComparison.Ordinal), $"'{message}' read as '{read}'");
            }
        }
    }

    private readonly TempFolder _folder = new();
    private readonly LuceneIndex _index;

    public QuestionClauseTests()
    {
        _folder.Write("ledger-2014-05-20-harbours.md", EngineGeneralityTests.Document);
        _index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(_folder.Path));
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("@PakAzBot hey! doing a project on music. when did the valby jazz festival open? my cousin plays sax", "when did the valby jazz festival open?")]
    [InlineData("history nerd here 🙂 when did norland recognize estmark? need it for slides", "when did norland recognize estmark?")]
    public void TheEngineReadsTheQuestionAndAnswersAsIfAskedAlone(string message, string question)
    {
        var lines = new List<string>();
        var chatty = new Answerer(_index, lines.Add).Ask(message);
        var alone = new Answerer(_index).Ask(question);

        Assert.Contains(lines, l => l.Contains($"\"{question}\"", StringComparison.Ordinal));
        Assert.Equal(alone.Outcome, chatty.Outcome);
        Assert.Equal(alone.Confidence, chatty.Confidence);
        Assert.Equal(alone.Short, chatty.Short);

        // The reply shows the question as it was asked, only cleaned: the remark after it is still there.
        Assert.EndsWith(message.Split('?')[^1].Trim(), chatty.Question, StringComparison.Ordinal);
    }
}
