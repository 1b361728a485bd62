namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>What <c>--explain</c> shows: each stage's inputs and outputs, one line each, tagged with the stage's name.</summary>
internal sealed class Trace(Action<string>? sink)
{
    public bool On => sink is not null;

    public void Write(string stage, string line) => sink?.Invoke($"[{stage}] {line}");

    public void Write(string stage, Func<string> line)
    {
        if (sink is not null)
        {
            sink($"[{stage}] {line()}");
        }
    }
}
