using System.Text.Json;
using PakAzBot.Core.Answering;

namespace PakAzBot.Core.Evaluation;

/// <summary>
/// One evaluation question: answerable items give a piece of text the top cited paragraph must contain and strings
/// of which one must appear in the short answer, the answer or its date; off-source items must be declined.
/// </summary>
public sealed record EvalItem(string Id, string Question, string? Passage, IReadOnlyList<string> AnswerAny, bool Abstain)
{
    /// <summary>What the item tests ("when", "typo", "multi-doc", …); untagged items are scored under "all" only.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The language the question is written in (<c>"lang"</c>: en, ur, ur-Latn, az), when the file says.</summary>
    public Languages.Language? Language { get; init; }
}

/// <param name="PassageHit">Answered, citing the paragraph that holds the expected passage.</param>
/// <param name="AnswerHit">Answered, with the short answer, the quote or the date holding one of the expected answers.</param>
/// <param name="InReply">The expected passage is in the reply: the answer cites it, or it is one of the suggestions.</param>
public sealed record EvalResult(EvalItem Item, Answer Answer, bool PassageHit, bool AnswerHit, bool InReply = false)
{
    /// <summary>The expected passage comes first in the reply: it is the answer, or the first suggestion.</summary>
    public bool First { get; init; }

    public bool Correct => Item.Abstain ? !Answer.Answered : PassageHit && AnswerHit;

    /// <summary>An answer given that is wrong: to a question it should have declined, or citing the wrong passage or answer.</summary>
    public bool Wrong => Answer.Answered && !Correct;
}

/// <summary>The figures of a set of results (all of them, or those with one tag).</summary>
/// <param name="PassageAt1">Answerable questions answered with the expected passage, as a share of the answerable.</param>
/// <param name="Declined">Must-decline questions not asserted (suggested or declined).</param>
/// <param name="FalseDeclines">Answerable questions not asserted (suggested or declined).</param>
/// <param name="Asserted">Answers asserted (to any question).</param>
/// <param name="AssertedRight">Asserted answers that are right.</param>
/// <param name="InReply">Answerable questions whose expected passage is the answer or one of the suggestions.</param>
/// <param name="Suggested">Questions answered with suggestions.</param>
public sealed record EvalFigures(string Name, int Questions, int Answerable, int MustDecline, double PassageAt1, double AnswerAccuracy,
    int Declined, int FalseDeclines, int WrongAtHighConfidence, int Asserted = 0, int AssertedRight = 0, int InReply = 0, int Suggested = 0)
{
    /// <summary>Right answers as a share of the answers asserted (1 when none was).</summary>
    public double AssertedPrecision => Asserted == 0 ? 1 : (double)AssertedRight / Asserted;

    public double InReplyShare => Answerable == 0 ? 1 : (double)InReply / Answerable;
}

/// <summary>One row of the reliability table: answers whose confidence fell in [From, To), and how many were right.</summary>
public sealed record ReliabilityBucket(double From, double To, int Answers, int Right)
{
    public double Accuracy => Answers == 0 ? 0 : (double)Right / Answers;
}

public sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public int Answerable => Results.Count(r => !r.Item.Abstain);

    public int OffSource => Results.Count(r => r.Item.Abstain);

    public double PassageAt1 => Ratio(Results.Count(r => !r.Item.Abstain && r.PassageHit), Answerable);

    public double AnswerAccuracy => Ratio(Results.Count(r => !r.Item.Abstain && r.AnswerHit), Answerable);

    public int OffSourceAbstained => Results.Count(r => r.Item.Abstain && !r.Answer.Answered);

    public int AnswerableAbstained => Results.Count(r => !r.Item.Abstain && !r.Answer.Answered);

    /// <summary>Right answers as a share of the answers asserted.</summary>
    public double AssertedPrecision => Figures().AssertedPrecision;

    /// <summary>The share of answerable questions whose expected passage is the answer or one of the suggestions.</summary>
    public double InReply => Figures().InReplyShare;

    public IEnumerable<EvalResult> Misses => Results.Where(r => !r.Correct);

    /// <summary>Answerable questions whose expected passage comes first in the reply (the answer or the first suggestion).</summary>
    public int First => Results.Count(r => !r.Item.Abstain && r.First);

    /// <summary>Questions whose file gives their language, and how many of them were read as that language.</summary>
    public (int Given, int Detected) Languages =>
        (Results.Count(r => r.Item.Language is not null), Results.Count(r => r.Item.Language is { } l && r.Answer.Language == l));

    /// <summary>Wrong answers given at this confidence or more: the figure that must stay 0.</summary>
    public const double HighConfidence = 0.9;

    public EvalFigures Figures(string name = "all") => Summarize(name, Results);

    /// <summary>The figures per tag, tags in alphabetical order.</summary>
    public IReadOnlyList<EvalFigures> ByTag() =>
        Results.SelectMany(r => r.Item.Tags.Select(t => (Tag: t, Result: r)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.Select(x => x.Result).ToList()))
            .ToList();

    /// <summary>Answers given, by confidence band: accuracy per band should rise with confidence.</summary>
    public IReadOnlyList<ReliabilityBucket> Reliability()
    {
        double[] edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
        return edges.Zip(edges.Skip(1), (from, to) =>
        {
            var band = Results.Where(r => r.Answer.Answered && r.Answer.Confidence >= from && r.Answer.Confidence < to).ToList();
            return new ReliabilityBucket(from, Math.Min(1, to), band.Count, band.Count(r => r.Correct));
        }).ToList();
    }

    private static EvalFigures Summarize(string name, IReadOnlyList<EvalResult> results)
    {
        var answerable = results.Where(r => !r.Item.Abstain).ToList();
        var decline = results.Where(r => r.Item.Abstain).ToList();
        return new EvalFigures(name, results.Count, answerable.Count, decline.Count,
            Ratio(answerable.Count(r => r.PassageHit), answerable.Count),
            Ratio(answerable.Count(r => r.AnswerHit), answerable.Count),
            decline.Count(r => !r.Answer.Answered),
            answerable.Count(r => !r.Answer.Answered),
            results.Count(r => r.Wrong && r.Answer.Confidence >= HighConfidence),
            results.Count(r => r.Answer.Answered),
            results.Count(r => r.Answer.Answered && r.Correct),
            answerable.Count(r => r.InReply),
            results.Count(r => r.Answer.Outcome == AnswerOutcome.Suggested));
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

public static class Evaluator
{
    /// <param name="before">Called before each question (eval --explain heads each question's trace with it).</param>
    public static EvalReport Run(Answerer answerer, IEnumerable<EvalItem> items, Action<EvalItem>? before = null) =>
        new(items.Select(item =>
        {
            before?.Invoke(item);
            return Score(item, answerer.Ask(item.Question));
        }).ToList());

    public static EvalResult Score(EvalItem item, Answer answer)
    {
        var top = answer.Answered ? answer.Citations[0].Quote : null;
        var passageHit = answer.Answered && item.Passage is not null && top!.Contains(item.Passage, StringComparison.OrdinalIgnoreCase);
        var said = new[] { answer.Short, answer.Text, answer.Date?.Date.Iso };
        var answerHit = answer.Answered && item.AnswerAny.Any(a => said.Any(s => s?.Contains(a, StringComparison.OrdinalIgnoreCase) == true));
        var inReply = item.Passage is not null && (passageHit
            || answer.Suggestions.Any(s => s.Citation.Quote.Contains(item.Passage, StringComparison.OrdinalIgnoreCase)));
        var first = passageHit || (item.Passage is not null && answer.Suggestions.Count > 0
            && answer.Suggestions[0].Citation.Quote.Contains(item.Passage, StringComparison.OrdinalIgnoreCase));
        return new EvalResult(item, answer, passageHit, answerHit, inReply) { First = first };
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

                var tags = root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(e => e.GetString() ?? "").Where(e => e.Length > 0).ToList()
                    : [];
                Languages.Language? language = null;
                if (root.TryGetProperty("lang", out var l))
                {
                    language = Languages.LanguageCodes.FromCode(l.GetString())
                        ?? throw new FormatException($"\"lang\" must be one of en, ur, ur-Latn, az, not '{l}'");
                }

                items.Add(new EvalItem(id, question, passage, answers, abstain) { Tags = tags, Language = language });
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }

        return items;
    }
}
