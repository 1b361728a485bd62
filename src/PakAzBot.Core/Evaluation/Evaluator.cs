using System.Text.Json;
using PakAzBot.Core.Answering;

namespace PakAzBot.Core.Evaluation;

/// <summary>
/// One evaluation question: answerable items give a piece of text the top cited paragraph must contain and strings
/// of which one must appear in the short answer, the answer or its date; off-source items must be declined.
/// </summary>
public sealed record EvalItem(string Id, string Question, string? Passage, IReadOnlyList<string> AnswerAny, bool Abstain);

public sealed record EvalResult(EvalItem Item, Answer Answer, bool PassageHit, bool AnswerHit)
{
    public bool Correct => Item.Abstain ? !Answer.Answered : PassageHit && AnswerHit;
}

public sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public int Answerable => Results.Count(r => !r.Item.Abstain);

    public int OffSource => Results.Count(r => r.Item.Abstain);

    public double PassageAt1 => Ratio(Results.Count(r => !r.Item.Abstain && r.PassageHit), Answerable);

    public double AnswerAccuracy => Ratio(Results.Count(r => !r.Item.Abstain && r.AnswerHit), Answerable);

    public int OffSourceAbstained => Results.Count(r => r.Item.Abstain && !r.Answer.Answered);

    public int AnswerableAbstained => Results.Count(r => !r.Item.Abstain && !r.Answer.Answered);

    public IEnumerable<EvalResult> Misses => Results.Where(r => !r.Correct);

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

public static class Evaluator
{
    public static EvalReport Run(Answerer answerer, IEnumerable<EvalItem> items) =>
        new(items.Select(item => Score(item, answerer.Ask(item.Question))).ToList());

    public static EvalResult Score(EvalItem item, Answer answer)
    {
        var top = answer.Answered ? answer.Citations[0].Quote : null;
        var passageHit = answer.Answered && item.Passage is not null && top!.Contains(item.Passage, StringComparison.OrdinalIgnoreCase);
        var said = new[] { answer.Short, answer.Text, answer.Date?.Date.Iso };
        var answerHit = answer.Answered && item.AnswerAny.Any(a => said.Any(s => s?.Contains(a, StringComparison.OrdinalIgnoreCase) == true));
        return new EvalResult(item, answer, passageHit, answerHit);
    }

    /// <summary>Reads a JSON-lines question file; a bad line is refused with its line number and what to fix.</summary>
    public static IReadOnlyList<EvalItem> Read(string path)
    {
        var items = new List<EvalItem>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var id = root.TryGetProperty("id", out var i) ? i.GetString() ?? $"line{lineNumber}" : $"line{lineNumber}";
                var question = root.GetProperty("q").GetString() ?? throw new FormatException("\"q\" must be a string");
                var abstain = root.TryGetProperty("abstain", out var a) && a.GetBoolean();
                var passage = root.TryGetProperty("passage", out var p) ? p.GetString() : null;
                var answers = root.TryGetProperty("answer_any", out var any)
                    ? any.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                    : [];
                if (!abstain && (passage is null || answers.Count == 0))
                {
                    throw new FormatException("an answerable item needs \"passage\" and \"answer_any\"; an off-source one needs \"abstain\": true");
                }

                items.Add(new EvalItem(id, question, passage, answers, abstain));
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }

        return items;
    }
}
