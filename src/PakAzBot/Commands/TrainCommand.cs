using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Learning;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot;

/// <summary>
/// <c>pakazbot train</c>: fits the rank and decide stages on question files, prints each file's figures by k-fold
/// cross-validation for BM25 alone and with semantic vectors, and writes the model both modes answer with.
/// </summary>
public static partial class Cli
{
    internal static Command TrainCommand(Func<Func<IConfiguration, int>, int> withSettings, TextWriter output, TextWriter error)
    {
        var sets = new Argument<string[]>("set")
        {
            Description = "Question files to learn from, each FILE.jsonl or FILE.jsonl=KNOWLEDGE_DIR (the folder its questions are about; default the knowledge folder)",
            Arity = ArgumentArity.OneOrMore,
        };
        var folds = new Option<int>("--folds") { Description = "k of the k-fold cross-validation", DefaultValueFactory = _ => 5 };
        var modelOutput = new Option<string?>("--output") { Description = "Write the fitted model here (JSON); without it, only the figures are printed" };
        var curve = new Option<bool>("--curve") { Description = "Also print the learning curve: questions used for fitting → cross-validated figures" };
        var precision = new Option<double>("--precision") { Description = "The share of asserted answers that must be right on held-out folds", DefaultValueFactory = _ => new TrainingOptions().TargetPrecision };
        var rankL2 = new Option<double>("--rank-l2") { Description = "The rank fit's L2 penalty (on standardized features)", DefaultValueFactory = _ => new TrainingOptions().RankL2 };
        var decideL2 = new Option<double>("--decide-l2") { Description = "The decide fit's L2 penalty (on standardized features)", DefaultValueFactory = _ => new TrainingOptions().DecideL2 };
        var train = new Command("train", "Fit the answer engine's rank and decide weights on question files, with cross-validated figures")
        {
            sets, folds, modelOutput, curve, precision, rankL2, decideL2,
        };
        train.SetAction(r => withSettings(settings => Train(settings, r.GetValue(sets)!, new TrainingOptions(Folds: r.GetValue(folds), TargetPrecision: r.GetValue(precision),
            RankL2: r.GetValue(rankL2), DecideL2: r.GetValue(decideL2)), r.GetValue(modelOutput), r.GetValue(curve), output, error)));
        return train;
    }

    private static int Train(IConfiguration settings, string[] sets, TrainingOptions options, string? modelOutput, bool curve, TextWriter output, TextWriter error)
    {
        var (folds, precision) = (options.Folds, options.TargetPrecision);
        if (options.RankL2 is < 0 or > 100 || options.DecideL2 is < 0 or > 100 || !double.IsFinite(options.RankL2) || !double.IsFinite(options.DecideL2))
        {
            error.WriteLine("error: --rank-l2 and --decide-l2 must be between 0 and 100");
            return Usage;
        }

        if (folds is < 2 or > 20)
        {
            error.WriteLine("error: --folds must be between 2 and 20");
            return Usage;
        }

        if (precision is <= 0.5 or > 1)
        {
            error.WriteLine("error: --precision must be above 0.5 and at most 1");
            return Usage;
        }

        var loaded = new List<(string Name, IReadOnlyList<EvalItem> Items, KnowledgeBase Knowledge)>();
        foreach (var set in sets)
        {
            var (file, folder) = set.Split('=', 2) is [var f, var k] ? (f, k) : (set, null);
            if (!File.Exists(file))
            {
                error.WriteLine($"error: {Path.GetFullPath(file)} does not exist");
                return Usage;
            }

            try
            {
                var knowledge = Load(settings, folder, error);
                if (knowledge is null)
                {
                    return Failed;
                }

                loaded.Add((Path.GetFileName(file), Evaluator.Read(file), knowledge));
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Failed;
            }
        }

        var fitted = new Dictionary<string, ModeTraining>();
        foreach (var semantic in new[] { false, true })
        {
            var indexes = new List<IDisposable>();
            try
            {
                var trainingSets = loaded.Select(s =>
                {
                    var index = LuceneIndex.BuildInMemory(s.Knowledge, semantic ? Vectors(settings, s.Knowledge, error) : null);
                    indexes.Add(index);
                    return new TrainingSet(s.Name, s.Items, index);
                }).ToList();
                var mode = semantic ? "semantic" : "bm25";
                error.WriteLine($"note: reading {trainingSets.Sum(s => s.Items.Count)} question(s) ({mode})");
                var examples = Trainer.Prepare(trainingSets);
                var result = Trainer.Train(examples, options);
                fitted[mode] = result;
                foreach (var (name, report) in result.CrossValidated.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"=== {name}, {mode}, {folds}-fold cross-validated");
                    EvalReportWriter.Write(report, output);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}: held-out ranking put the expected paragraph first for {result.RankedWithin(1):P1} of {result.GoldRanks.Count} answerable question(s), within 3 for {result.RankedWithin(3):P1}, within 10 for {result.RankedWithin(10):P1}"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}: answers asserted from confidence {result.Model.AnswerFrom:0.000}; retrieval kept the expected paragraph for {examples.Count(e => e.Reachable)} of {examples.Count(e => !e.Item.Abstain)} answerable question(s)"));
                if (curve)
                {
                    output.WriteLine($"learning curve ({mode}): questions fitted on → held-out figures");
                    foreach (var (used, report, first) in Trainer.LearningCurve(examples, options, [0.125, 0.25, 0.5, 0.75, 1.0]))
                    {
                        var f = report.Figures();
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {used,4}  ranked first {first:P1}  passage@1 {f.PassageAt1:P1}  precision {f.AssertedPrecision:P1}  in-reply {f.InReplyShare:P1}"));
                    }
                }

                output.WriteLine();
            }
            finally
            {
                indexes.ForEach(i => i.Dispose());
            }
        }

        if (modelOutput is not null)
        {
            var fit = new JsonObject
            {
                ["trained"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["folds"] = folds,
                ["targetPrecision"] = precision,
                ["rankL2"] = options.RankL2,
                ["decideL2"] = options.DecideL2,
                ["sets"] = new JsonArray(loaded.Select(s => (JsonNode)new JsonObject { ["file"] = s.Name, ["questions"] = s.Items.Count }).ToArray()),
                ["crossValidated"] = new JsonObject(fitted.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)new JsonObject(
                    m.Value.CrossValidated.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)Figures(r.Value))))))),
            };
            var model = new AnswerModel(fitted["bm25"].Model, fitted["semantic"].Model, fit);
            File.WriteAllText(modelOutput, model.ToJson() + "\n");
            output.WriteLine($"Wrote the model to {Path.GetFullPath(modelOutput)}.");
        }

        return Ok;
    }

    private static JsonObject Figures(EvalReport report)
    {
        var f = report.Figures();
        static double R(double v) => Math.Round(v, 4);
        return new JsonObject
        {
            ["questions"] = f.Questions,
            ["passageAt1"] = R(f.PassageAt1),
            ["assertedPrecision"] = R(f.AssertedPrecision),
            ["inReply"] = R(f.InReplyShare),
            ["mustDeclineNotAsserted"] = f.MustDecline == 0 ? 1 : R((double)f.Declined / f.MustDecline),
            ["wrongAtHighConfidence"] = f.WrongAtHighConfidence,
        };
    }

    /// <summary>The semantic vectors of a training set's knowledge, cached per knowledge folder so the default cache is left alone.</summary>
    private static SemanticIndex Vectors(IConfiguration settings, KnowledgeBase knowledge, TextWriter error)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(knowledge.ContentHash)))[..16];
        var cache = Path.Combine(Path.GetTempPath(), "pakazbot-train", key + ".vectors");
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        var encoder = SemanticSettingsFor(settings, wanted: true)?.Encoder ?? ArcticXsEncoder.Shared;
        var vectors = SemanticIndex.Build(knowledge, encoder, cache);
        if (vectors.Encoded > 0)
        {
            error.WriteLine($"note: embedded {vectors.Encoded} new text(s) with {vectors.Model}");
        }

        return vectors;
    }
}
