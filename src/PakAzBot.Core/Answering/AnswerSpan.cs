using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// A run of a passage's text that can be quoted on its own as an answer: a sentence, or a sentence with the one
/// before it when it opens with a pronoun ("It paves the way …") and would not make sense alone.
/// </summary>
internal sealed partial record AnswerSpan(Passage Passage, int Start, string Text, IReadOnlyList<DateMention> Dates, bool IsPair = false)
{
    public int WordCount { get; } = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Each sentence (with the one before it when it needs it), then each pair of neighbouring sentences.</summary>
    public static IEnumerable<AnswerSpan> Of(Passage passage)
    {
        var sentences = passage.Sentences;
        for (var i = 0; i < sentences.Count; i++)
        {
            var first = i > 0 && OpensWithReference().IsMatch(sentences[i].Text) ? i - 1 : i;
            yield return Make(passage, first, i, isPair: false);
        }

        for (var i = 0; i + 1 < sentences.Count; i++)
        {
            yield return Make(passage, i, i + 1, isPair: true);
        }
    }

    private static AnswerSpan Make(Passage passage, int first, int last, bool isPair)
    {
        var sentences = passage.Sentences;
        var start = sentences[first].Start;
        var end = sentences[last].Start + sentences[last].Text.Length;
        var dates = sentences.Skip(first).Take(last - first + 1)
            .SelectMany(s => s.Dates.Select(d => d with { Start = d.Start + s.Start - start }))
            .ToList();
        return new AnswerSpan(passage, start, passage.Text[start..end], dates, isPair);
    }

    [GeneratedRegex(@"^(?:It|This|That|These|Those|They|He|She|Its|Their|Such)\b")]
    private static partial Regex OpensWithReference();
}
