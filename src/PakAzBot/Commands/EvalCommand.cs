using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Evaluation;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot eval FILE [--features TSV] [--no-semantic] [--explain]</c>: the answerer's figures on a question file, and each miss.</summary>
internal static class EvalCommand
{
    public static Command Create(CommandContext c)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON-lines question file, such as tests/PakAzBot.Tests/Data/dev.jsonl" };
        var features = new Option<string?>("--features") { Description = "Also write each question's decision features and outcome to this TSV file (for calibrating the decide stage)" };
        var eval = new Command("eval", "Score the answerer on a question file") { file, features, c.NoSemantic, c.Explain };
        eval.SetAction(r => c.WithSettings(settings => Eval(settings, r.GetValue(c.Knowledge), r.GetValue(file)!, r.GetValue(features), !r.GetValue(c.NoSemantic), r.GetValue(c.Explain), c.Output, c.Error)));
        return eval;
    }

    private static int Eval(IConfiguration settings, string? knowledgeDir, FileInfo file, string? features, bool semantic, bool explain, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"error: {file.FullName} does not exist");
            return Usage;
        }

        IReadOnlyList<EvalItem> items;
        try
        {
            items = Evaluator.Read(file.FullName);
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }

        return KnowledgeAccess.WithIndex(settings, knowledgeDir, null, semantic, error, index =>
        {
            var report = Evaluator.Run(new Answerer(index, explain ? error.WriteLine : null), items, explain ? item => error.WriteLine($"=== {item.Id} {item.Question} | gold={(item.Passage is null ? "decline" : index.Knowledge.Passages.FirstOrDefault(p => p.Text.Contains(item.Passage, StringComparison.OrdinalIgnoreCase))?.Id)}") : null);
            EvalReportWriter.Write(report, output);
            if (features is not null)
            {
                EvalReportWriter.WriteFeatures(report, features);
            }

            WriteMisses(report, output);
            return Ok;
        });
    }

    private static void WriteMisses(EvalReport report, TextWriter output)
    {
        var misses = report.Misses.ToList();
        output.WriteLine($"misses: {misses.Count}");
        foreach (var miss in misses)
        {
            var a = miss.Answer;
            var got = a.Answered
                ? $"cited ¶{a.Citations[0].Passage.Number} \"{a.Text}\" short={a.Short ?? "null"} date={a.Date?.Date.Iso ?? "null"}"
                : $"abstained ({a.Reason}, confidence {a.Confidence.ToString(CultureInfo.InvariantCulture)})";
            var wanted = miss.Item.Abstain ? "an abstention" : $"passage \"{miss.Item.Passage}\" and one of [{string.Join(", ", miss.Item.AnswerAny)}]";
            output.WriteLine($"  {miss.Item.Id} {JsonSerializer.Serialize(miss.Item.Question)}: wanted {wanted}; got {got}");
        }
    }
}
