using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// The quality bar on question files kept in the repository: dev.jsonl (a copy of the shared eval file) and
/// heldout.jsonl (questions written separately, never used to tune the answerer).
/// </summary>
public sealed class EvalTests
{
    // dev.jsonl carries the product's bar. heldout.jsonl guards against tuning to it: its bar is what the answerer
    // reached when the file was written (two known misses: a question about the embassy's Twitter handle, which
    // no word of the source names, and "took part in", which the source says as "held … with"). heldout2.jsonl was
    // written later by someone who saw neither other file; its one known miss is "When did the Khojaly massacre take
    // place?", which the sources answer only with the date of a resolution condemning it. heldout3.jsonl, written the
    // same way later still, scored 90.7% / 88.4% on first run; its misses left are a keyword query whose words all
    // name the 1995 agreement while the end date stands in the next sentence, a duration question ("over what time
    // frame"), and "Did Azerbaijan eventually buy JF-17 jets?", answered with the sentence about its interest.
    [Theory]
    [InlineData("dev.jsonl", 0.97, 0.95, 0, 0)]
    [InlineData("heldout.jsonl", 0.95, 0.95, 2, 0)]
    [InlineData("heldout2.jsonl", 0.97, 0.97, 0, 1)]
    [InlineData("heldout3.jsonl", 0.97, 0.95, 1, 1)]
    public void HoldsTheQualityBar(string file, double passageAt1, double answerAccuracy, int answerableAbstentions, int offSourceAnswered)
    {
        var report = Evaluator.Run(new Answerer(Seed.Index), Evaluator.Read(TestPaths.Data(file)));
        var misses = string.Join("\n", report.Misses.Select(m => $"{m.Item.Id} {m.Item.Question} → {m.Answer.Text ?? m.Answer.Reason.ToString()}"));

        Assert.True(report.PassageAt1 >= passageAt1, $"passage@1 {report.PassageAt1:P1}\n{misses}");
        Assert.True(report.AnswerAccuracy >= answerAccuracy, $"answer accuracy {report.AnswerAccuracy:P1}\n{misses}");
        Assert.True(report.OffSource - report.OffSourceAbstained <= offSourceAnswered, $"answered {report.OffSource - report.OffSourceAbstained} off-source question(s)\n{misses}");
        Assert.True(report.AnswerableAbstained <= answerableAbstentions, $"abstained on {report.AnswerableAbstained} answerable question(s)\n{misses}");
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
