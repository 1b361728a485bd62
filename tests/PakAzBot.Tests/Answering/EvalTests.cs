using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Languages;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// The quality bar on the question files kept in the repository, answered with the shipped model. Every file here fed
/// the model's fit (pakazbot train; README "Quality" gives the cross-validated figures, which never score a question
/// the weights saw), so these are regression guards: the product's promises (answers asserted are right, questions
/// the sources do not answer are not asserted, the passage that answers is in the reply, nothing wrong is sure) at the
/// issue's bars, and passage@1 a few points under what was measured when the model shipped.
/// </summary>
public sealed class EvalTests
{
    [Theory]
    [InlineData("dev.jsonl", "seed", 0.97, 0.95, 0.97, 0.75)]
    [InlineData("heldout.jsonl", "seed", 0.95, 0.95, 0.97, 0.60)]
    [InlineData("heldout2.jsonl", "seed", 0.95, 0.90, 0.97, 0.68)]
    [InlineData("heldout3.jsonl", "seed", 0.95, 0.90, 0.97, 0.62)]
    [InlineData("dev2/dev2.jsonl", "dev2", 0.97, 0.95, 0.93, 0.40)]
    [InlineData("train/train.jsonl", "train", 0.97, 0.95, 0.90, 0.35)]
    public void HoldsTheQualityBar(string file, string corpus, double precision, double mustDeclineNotAsserted, double inReply, double passageAt1)
    {
        var index = corpus switch { "dev2" => Dev2.Index, "train" => Train.Index, _ => Seed.Index };
        var report = Evaluator.Run(new Answerer(index), Evaluator.Read(TestPaths.Data(file)));
        var all = report.Figures();
        var misses = string.Join("\n", report.Misses.Select(m => $"{m.Item.Id} {m.Item.Question} → {m.Answer.Outcome}: {m.Answer.Text} ({m.Answer.Confidence})"));

        Assert.True(all.AssertedPrecision >= precision, $"asserted precision {all.AssertedPrecision:P1}\n{misses}");
        Assert.True(all.Declined >= mustDeclineNotAsserted * all.MustDecline, $"{all.Declined} of {all.MustDecline} must-decline question(s) not asserted\n{misses}");
        Assert.True(report.InReply >= inReply, $"in-reply {report.InReply:P1}\n{misses}");
        Assert.True(report.PassageAt1 >= passageAt1, $"passage@1 {report.PassageAt1:P1}\n{misses}");
        Assert.Equal(0, all.WrongAtHighConfidence);
    }

    [Theory]
    [InlineData("dev.jsonl", false, 0.97, 0.50)]
    // BM25 alone keeps the passage that answers in the reply for 92 of dev2's 100 answerable questions: one short of the
    // issue's 93% (README "Quality"); with semantic vectors 93.
    [InlineData("dev2/dev2.jsonl", true, 0.92, 0.25)]
    public void HoldsTheBarWithBm25Alone(string file, bool dev2, double inReply, double passageAt1)
    {
        var index = dev2 ? LexicalDev2.Value : Seed.Lexical;
        var report = Evaluator.Run(new Answerer(index), Evaluator.Read(TestPaths.Data(file)));
        var all = report.Figures();

        Assert.True(all.AssertedPrecision >= 0.97, $"asserted precision {all.AssertedPrecision:P1}");
        Assert.True(report.InReply >= inReply, $"in-reply {report.InReply:P1}");
        Assert.True(report.PassageAt1 >= passageAt1, $"passage@1 {report.PassageAt1:P1}");
        Assert.Equal(0, all.WrongAtHighConfidence);
    }

    /// <summary>
    /// Questions in Urdu, Roman Urdu and Azerbaijani (issue 18's dev file; the model never saw them): each read in its
    /// language, the passage that answers first in the reply for nearly all, nothing wrong asserted, no must-decline
    /// question asserted, in both modes. passage@1 is held a few points under what was measured (README "Languages").
    /// </summary>
    [Theory]
    [InlineData(true, "ur", 0.50)]
    [InlineData(true, "ur-Latn", 0.45)]
    [InlineData(true, "az", 0.25)]
    [InlineData(false, "ur", 0.45)]
    [InlineData(false, "ur-Latn", 0.40)]
    [InlineData(false, "az", 0.20)]
    public void HoldsTheBarInEachLanguage(bool semantic, string language, double passageAt1)
    {
        var items = Evaluator.Read(TestPaths.Data("multilingual-dev.jsonl")).Where(i => i.Language?.Code() == language).ToList();
        Assert.Equal(20, items.Count);
        var report = Evaluator.Run(new Answerer(semantic ? Seed.Index : Seed.Lexical), items);
        var all = report.Figures();
        var misses = string.Join("\n", report.Misses.Select(m => $"{m.Item.Id} {m.Item.Question} → {m.Answer.Outcome} ({m.Answer.Confidence})"));

        Assert.Equal((items.Count, items.Count), report.Languages);
        Assert.Equal(1.0, all.AssertedPrecision);
        Assert.Equal(all.MustDecline, all.Declined);
        Assert.True(report.InReply >= 0.95, $"in-reply {report.InReply:P1}\n{misses}");
        Assert.True(report.First >= 0.85 * report.Answerable, $"first in reply {report.First} of {report.Answerable}\n{misses}");
        Assert.True(report.PassageAt1 >= passageAt1, $"passage@1 {report.PassageAt1:P1}\n{misses}");
        Assert.Equal(0, all.WrongAtHighConfidence);
    }

    private static readonly Lazy<PakAzBot.Search.LuceneIndex> LexicalDev2 = new(() =>
        PakAzBot.Search.LuceneIndex.BuildInMemory(PakAzBot.Core.Knowledge.KnowledgeLoader.Load(TestPaths.Data(Path.Combine("dev2", "corpus")))));

    [Fact]
    public void AssertedAnswersAreRightMoreOftenThanWhatIsOfferedWhenNotSure()
    {
        // Confidence means something: what the bot asserts is right more often than the first passage it offers when it
        // is not sure, and that first passage is right more often than not.
        var results = new[] { ("dev.jsonl", Seed.Index), ("dev2/dev2.jsonl", Dev2.Index) }
            .SelectMany(f => Evaluator.Run(new Answerer(f.Item2), Evaluator.Read(TestPaths.Data(f.Item1))).Results)
            .Where(r => !r.Item.Abstain)
            .ToList();
        var asserted = results.Where(r => r.Answer.Answered).ToList();
        var offered = results.Where(r => r.Answer.Outcome == AnswerOutcome.Suggested).ToList();
        double Share(IEnumerable<bool> xs) => xs.DefaultIfEmpty(false).Average(x => x ? 1.0 : 0.0);
        var assertedRight = Share(asserted.Select(r => r.Correct));
        var firstOfferedRight = Share(offered.Select(r => r.Answer.Suggestions[0].Citation.Quote.Contains(r.Item.Passage!, StringComparison.OrdinalIgnoreCase)));

        Assert.NotEmpty(asserted);
        Assert.NotEmpty(offered);
        Assert.True(assertedRight > firstOfferedRight, $"asserted {assertedRight:P0} right, first offered {firstOfferedRight:P0}");
        Assert.True(firstOfferedRight > 0.5, $"first offered passage right {firstOfferedRight:P0}");
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
