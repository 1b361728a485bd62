using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Learning;

namespace PakAzBot.Tests.Answering;

/// <summary>The fits behind the learned stages, the threshold rule, the model file, and <c>pakazbot train</c> end to end.</summary>
public sealed class TrainerTests
{
    [Fact]
    public void TheListwiseFitWeighsTheFeatureThatPicksTheRightCandidate()
    {
        // Feature 0 marks the right candidate (with noise), feature 1 is noise: the fit must lean on 0, not on 1.
        var random = new Random(3);
        var lists = Enumerable.Range(0, 200).Select(_ =>
        {
            var gold = random.Next(5);
            var rows = Enumerable.Range(0, 5).Select(i => new[] { (i == gold ? 1.0 : 0.0) + (random.NextDouble() * 0.8), random.NextDouble() }).ToArray();
            return new RankList(rows, Enumerable.Range(0, 5).Select(i => i == gold).ToArray());
        }).ToList();

        var w = Fitting.Listwise(lists, 2);

        Assert.Equal(0, w[0]);
        Assert.True(w[1] > 2, $"weight of the telling feature {w[1]}");
        Assert.True(Math.Abs(w[2]) < w[1] / 4, $"weight of the noise {w[2]}");
    }

    [Fact]
    public void TheLogisticFitIsCalibratedOnWhatItLearnsFrom()
    {
        // Right with probability x: predictions near 0.2 and 0.8 come out near those.
        var random = new Random(5);
        var examples = Enumerable.Range(0, 4000).Select(_ =>
        {
            var x = random.NextDouble();
            return new Labeled([x], random.NextDouble() < x);
        }).ToList();

        var w = Fitting.Logistic(examples, 1, l2: 0.0001);

        double P(double x) => Fitting.Sigmoid(w[0] + (w[1] * x));
        Assert.InRange(P(0.5), 0.42, 0.58);
        Assert.True(P(0.9) > 0.75 && P(0.1) < 0.25, $"P(0.9)={P(0.9)}, P(0.1)={P(0.1)}");
    }

    [Fact]
    public void TheThresholdIsTheLowestConfidenceAtWhichNoFileHasTooManyWrongAnswers()
    {
        // File a: right down to 0.6, then wrong. File b: one wrong at 0.95 (allowed: at least one), right below.
        var predictions = new List<(string Set, double Confidence, bool Right, bool Held)>
        {
            ("a", 0.99, true, false), ("a", 0.9, true, false), ("a", 0.8, true, false), ("a", 0.6, true, false), ("a", 0.5, false, false),
            ("b", 0.95, false, false), ("b", 0.85, true, false), ("b", 0.7, true, false), ("b", 0.55, false, false),
            ("a", 0.3, false, true),
        };

        Assert.Equal(0.6, Trainer.Threshold(predictions, 0.97));

        // Two wrong answers in file b from 0.85 down: the threshold stays above the second.
        predictions.Add(("b", 0.75, false, false));
        Assert.Equal(0.8, Trainer.Threshold(predictions, 0.97));
    }

    [Fact]
    public void TheModelFileRoundTripsAndRefusesWhatItCannotRead()
    {
        var shipped = AnswerModel.Default;
        var again = AnswerModel.Parse(shipped.ToJson(), "round trip");

        Assert.Equal(shipped.Hybrid.Rank, again.Hybrid.Rank, new Tolerance());
        Assert.Equal(shipped.Lexical.Decide, again.Lexical.Decide, new Tolerance());
        Assert.Equal(shipped.Hybrid.AnswerFrom, again.Hybrid.AnswerFrom, 3);

        var unknown = JsonNode.Parse(shipped.ToJson())!;
        unknown["modes"]!["hybrid"]!["rank"]!["no_such_feature"] = 1;
        Assert.Contains("no_such_feature", Assert.Throws<FormatException>(() => AnswerModel.Parse(unknown.ToJsonString(), "x")).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AnswerModel.Parse("[]", "x"));
        Assert.Throws<FormatException>(() => AnswerModel.Parse("{\"modes\":{}}", "x"));
        Assert.Throws<FormatException>(() => AnswerModel.Parse("not json", "x"));
    }

    [Fact]
    public void TrainCrossValidatesEachFileAndWritesAModelThatAnswers()
    {
        using var folder = new TempFolder();
        var model = Path.Combine(folder.Path, "model.json");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["train", $"{TestPaths.Data("dev.jsonl")}={TestPaths.Knowledge}", "--folds", "3", "--output", model,
            $"--Search:VectorCache={Path.Combine(folder.Path, "vectors")}"], TextReader.Null, output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("=== dev.jsonl, bm25, 3-fold cross-validated", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("=== dev.jsonl, semantic, 3-fold cross-validated", output.ToString(), StringComparison.Ordinal);
        var trained = AnswerModel.Load(model);
        Assert.Equal(36, trained.Fit["sets"]![0]!["questions"]!.GetValue<int>());
        var answer = new Answerer(Seed.Index, model: trained).Ask("When did Pakistan recognize Azerbaijan?");
        Assert.Contains("second country to recognize", FirstInReply.Of(answer).Quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--folds", "1")]
    [InlineData("--precision", "0.4")]
    [InlineData("--rank-l2", "-1")]
    public void TrainRefusesBadSettingsWithUsage(string option, string value)
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["train", $"{TestPaths.Data("dev.jsonl")}={TestPaths.Knowledge}", option, value], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrainRefusesAMissingQuestionFile()
    {
        var error = new StringWriter();

        Assert.Equal(2, PakAzBot.Cli.Run(["train", "/no/such/file.jsonl"], TextReader.Null, TextWriter.Null, error));
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-3;

        public int GetHashCode(double obj) => 0;
    }
}
