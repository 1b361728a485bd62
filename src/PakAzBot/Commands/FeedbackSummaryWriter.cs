using PakAzBot.Core.Feedback;
using PakAzBot.Core.Rendering;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary>What <c>pakazbot feedback</c> prints: the votes per passage, worst first, then the picks among suggestions.</summary>
internal static class FeedbackSummaryWriter
{
    public static int Write(FeedbackRead read, TextWriter output)
    {
        if (read.Missing is { } path)
        {
            output.WriteLine($"No feedback yet ({path} does not exist).");
            return Ok;
        }

        var summary = FeedbackSummary.Summarize(read.Votes);
        output.WriteLine($"{summary.Sum(p => p.Up + p.Down)} vote(s) on {summary.Count} passage(s): {summary.Sum(p => p.Up)} 👍, {summary.Sum(p => p.Down)} 👎 (from the {read.From})");
        foreach (var passage in summary)
        {
            output.WriteLine($"  {passage.PassageId}: {passage.Up} 👍 {passage.Down} 👎{(passage.Questions.Count == 0 ? "" : " — asked as: " + string.Join(" | ", passage.Questions))}");
        }

        if (read.Picks.Count == 0)
        {
            return Ok;
        }

        var picks = PickSummary.Summarize(read.Picks);
        output.WriteLine();
        output.WriteLine($"{picks.Picks + picks.NoneOfThese} pick(s) among suggested passages: {picks.Picks} of a passage, {picks.NoneOfThese} “{MarkdownRenderer.NoneOfThese.ToLowerInvariant()}” (pakazbot feedback export --jsonl makes eval questions of them)");
        if (picks.Passages.Count > 0)
        {
            output.WriteLine("Most-picked passages:");
            foreach (var passage in picks.Passages)
            {
                output.WriteLine($"  {passage.PassageId}: picked {passage.Picks} time(s) — for: {string.Join(" | ", passage.Questions)}");
            }
        }

        if (picks.Unanswered.Count > 0)
        {
            output.WriteLine($"{MarkdownRenderer.NoneOfThese} answered:");
            foreach (var question in picks.Unanswered)
            {
                output.WriteLine($"  {question}");
            }
        }

        return Ok;
    }
}
