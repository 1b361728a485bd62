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

namespace PakAzBot.Commands;

/// <summary>
/// The work of <c>pakazbot train</c> once its question files are read: a fit for BM25 alone and one with semantic
/// vectors, each mode's cross-validated figures printed, and the model of both written where --output says.
/// </summary>
internal sealed class TrainingRun(IConfiguration settings, TrainingOptions options, bool curve, TextWriter output, TextWriter error)
{
    /// <summary>A question file, by its name, and the knowledge its questions are about.</summary>
    public sealed record Set(string Name, IReadOnlyList<EvalItem> Items, KnowledgeBase Knowledge);

    public void Run(IReadOnlyList<Set> loaded, string? modelOutput)
    {
        var fitted = new Dictionary<string, ModeTraining>();
        foreach (var semantic in new[] { false, true })
        {
            var indexes = new List<IDisposable>();
            try
            {
                var trainingSets = loaded.Select(s =>
                {
                    var index = LuceneIndex.BuildInMemory(s.Knowledge, semantic ? Vectors(s.Knowledge) : null);
                    indexes.Add(index);
                    return new TrainingSet(s.Name, s.Items, index);
                }).ToList();
                var mode = semantic ? "semantic" : "bm25";
                fitted[mode] = Fit(trainingSets, mode);
            }
            finally
            {
                indexes.ForEach(i => i.Dispose());
            }
        }

        if (modelOutput is not null)
        {
            var model = new AnswerModel(fitted["bm25"].Model, fitted["semantic"].Model, HowFitted(loaded, fitted));
            File.WriteAllText(modelOutput, model.ToJson() + "\n");
            output.WriteLine($"Wrote the model to {Path.GetFullPath(modelOutput)}.");
        }
    }

    private ModeTraining Fit(List<TrainingSet> trainingSets, string mode)
    {
        error.WriteLine($"note: reading {trainingSets.Sum(s => s.Items.Count)} question(s) ({mode})");
        var examples = Trainer.Prepare(trainingSets);
        var result = Trainer.Train(examples, options);
        foreach (var (name, report) in result.CrossValidated.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"=== {name}, {mode}, {options.Folds}-fold cross-validated");
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
        return result;
    }

    /// <summary>How the model was fitted, kept in it: when, with what, and the cross-validated figures of each mode.</summary>
    private JsonObject HowFitted(IReadOnlyList<Set> loaded, Dictionary<string, ModeTraining> fitted) => new()
    {
        ["trained"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["folds"] = options.Folds,
        ["targetPrecision"] = options.TargetPrecision,
        ["rankL2"] = options.RankL2,
        ["decideL2"] = options.DecideL2,
        ["sets"] = new JsonArray(loaded.Select(s => (JsonNode)new JsonObject { ["file"] = s.Name, ["questions"] = s.Items.Count }).ToArray()),
        ["crossValidated"] = new JsonObject(fitted.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)new JsonObject(
            m.Value.CrossValidated.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)Figures(r.Value))))))),
    };

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
    private SemanticIndex Vectors(KnowledgeBase knowledge)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(knowledge.ContentHash)))[..16];
        var cache = Path.Combine(Path.GetTempPath(), "pakazbot-train", key + ".vectors");
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        var encoder = KnowledgeAccess.SemanticSettingsFor(settings, wanted: true)?.Encoder ?? ArcticXsEncoder.Shared;
        var vectors = SemanticIndex.Build(knowledge, encoder, cache);
        if (vectors.Encoded > 0)
        {
            error.WriteLine($"note: embedded {vectors.Encoded} new text(s) with {vectors.Model}");
        }

        return vectors;
    }
}
