namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>What <c>--explain</c> shows: each stage's inputs and outputs, one line each, tagged with the stage's name.</summary>
internal sealed class Trace(Action<string>? sink)
{
    public bool On => sink is not null;

    /// <summary>Every candidate's features, not just the best: for calibrating the stages (PAKAZBOT_EXPLAIN=all).</summary>
    public bool Detailed { get; } = sink is not null && Environment.GetEnvironmentVariable("PAKAZBOT_EXPLAIN") == "all";

    public void Write(string stage, string line) => sink?.Invoke($"[{stage}] {line}");

    public void Write(string stage, Func<string> line)
    {
        if (sink is not null)
        {
            sink($"[{stage}] {line()}");
        }
    }
}
