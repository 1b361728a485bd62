using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// The quality bar on question files kept in the repository: dev.jsonl (a copy of the shared eval file) and
/// heldout.jsonl (questions written separately, never used to tune the answerer).
/// </summary>
public sealed class EvalTests
{
    // Regression guards at what the hybrid engine (BM25 + arctic-embed-xs, the shipped default) measured when this bar
    // was set: dev.jsonl and dev2.jsonl are what the engine's weights were fitted on; heldout*.jsonl were written by
    // people who never saw the engine and never feed the fit, so they are the honest estimate for new questions.
    // The targets (95%) are not reached yet; README's Quality section gives the figures per tag.
    // Whatever else moves, no wrong answer may carry a confidence of 0.9 or more.
    [Theory]
    [InlineData("dev.jsonl", null, 0.96, 0.96, 5, 1)]
    [InlineData("dev2/dev2.jsonl", "dev2/corpus", 0.66, 0.64, 13, 24)]
    [InlineData("heldout.jsonl", null, 0.90, 0.88, 20, 5)]
    [InlineData("heldout2.jsonl", null, 0.95, 0.93, 17, 2)]
    [InlineData("heldout3.jsonl", null, 0.90, 0.86, 16, 3)]
    public void HoldsTheQualityBar(string file, string? corpus, double passageAt1, double answerAccuracy, int mustDeclineDeclined, int falseDeclines)
    {
        var index = corpus is null ? Seed.Index : Dev2.Index;
        var report = Evaluator.Run(new Answerer(index), Evaluator.Read(TestPaths.Data(file)));
        var all = report.Figures();
        var misses = string.Join("\n", report.Misses.Select(m => $"{m.Item.Id} {m.Item.Question} → {m.Answer.Text ?? m.Answer.Reason.ToString()} ({m.Answer.Confidence})"));

        Assert.True(report.PassageAt1 >= passageAt1, $"passage@1 {report.PassageAt1:P1}\n{misses}");
        Assert.True(report.AnswerAccuracy >= answerAccuracy, $"answer accuracy {report.AnswerAccuracy:P1}\n{misses}");
        Assert.True(all.Declined >= mustDeclineDeclined, $"declined {all.Declined} of {all.MustDecline} must-decline question(s)\n{misses}");
        Assert.True(all.FalseDeclines <= falseDeclines, $"declined {all.FalseDeclines} answerable question(s)\n{misses}");
        Assert.Equal(0, all.WrongAtHighConfidence);
    }

    [Fact]
    public void ConfidenceTracksCorrectnessAcrossTheDevelopmentSets()
    {
        var results = new[] { ("dev.jsonl", Seed.Index), ("dev2/dev2.jsonl", Dev2.Index) }
            .SelectMany(f => Evaluator.Run(new Answerer(f.Item2), Evaluator.Read(TestPaths.Data(f.Item1))).Results)
            .Where(r => r.Answer.Answered)
            .ToList();
        var high = results.Where(r => r.Answer.Confidence >= 0.8).ToList();
        var low = results.Where(r => r.Answer.Confidence < 0.7).ToList();

        Assert.NotEmpty(high);
        Assert.NotEmpty(low);
        Assert.True(high.Count(r => r.Correct) * low.Count > low.Count(r => r.Correct) * high.Count,
            "answers at 0.8 or more should be right more often than answers under 0.7");
    }

    [Fact]
    public void ScoresPassageAndAnswerSeparately()
    {
        var item = new EvalItem("t1", "When did Pakistan recognize Azerbaijan?", "second country", ["Turkey"], Abstain: false);

        var result = Evaluator.Score(item, new Answerer(Seed.Index).Ask(item.Question));

        Assert.True(result.PassageHit);
        Assert.True(result.AnswerHit);
        var wrongAnswer = Evaluator.Score(item with { AnswerAny = ["1995"] }, result.Answer);
        Assert.False(wrongAnswer.AnswerHit);
        Assert.False(wrongAnswer.Correct);
    }

    [Fact]
    public void RefusesAMalformedQuestionFileWithItsLine()
    {
        using var folder = new TempFolder();
        var file = folder.Write("q.jsonl", "{\"id\":\"a\",\"q\":\"x\",\"abstain\":true}\n{\"id\":\"b\",\"q\":\"y\"}\n");

        var refused = Assert.Throws<FormatException>(() => Evaluator.Read(file));

        Assert.StartsWith(file + ":2:", refused.Message, StringComparison.Ordinal);
    }
}
