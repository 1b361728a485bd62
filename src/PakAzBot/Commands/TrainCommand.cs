using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Learning;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>
/// <c>pakazbot train</c>: fits the rank and decide stages on question files, prints each file's figures by k-fold
/// cross-validation for BM25 alone and with semantic vectors, and writes the model both modes answer with.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CommandContext c)
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
        train.SetAction(r => c.WithSettings(settings => Train(settings, r.GetValue(sets)!, new TrainingOptions(Folds: r.GetValue(folds), TargetPrecision: r.GetValue(precision),
            RankL2: r.GetValue(rankL2), DecideL2: r.GetValue(decideL2)), r.GetValue(modelOutput), r.GetValue(curve), c.Output, c.Error)));
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

        var loaded = new List<TrainingRun.Set>();
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
                var knowledge = KnowledgeAccess.Load(settings, folder, error);
                if (knowledge is null)
                {
                    return Failed;
                }

                loaded.Add(new TrainingRun.Set(Path.GetFileName(file), Evaluator.Read(file), knowledge));
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Failed;
            }
        }

        new TrainingRun(settings, options, curve, output, error).Run(loaded, modelOutput);
        return Ok;
    }
}
