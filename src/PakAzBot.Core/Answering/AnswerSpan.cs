using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// A run of a passage's text that can be quoted on its own as an answer: a sentence, or a sentence with the one
/// before it when it opens with a pronoun ("It paves the way …") and would not make sense alone.
/// </summary>
internal sealed partial record AnswerSpan(Passage Passage, int Start, string Text, IReadOnlyList<DateMention> Dates)
{
    public int WordCount { get; } = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public static IEnumerable<AnswerSpan> Of(Passage passage)
    {
        var sentences = passage.Sentences;
        for (var i = 0; i < sentences.Count; i++)
        {
            var first = i > 0 && OpensWithReference().IsMatch(sentences[i].Text) ? i - 1 : i;
            var start = sentences[first].Start;
            var end = sentences[i].Start + sentences[i].Text.Length;
            var dates = sentences.Skip(first).Take(i - first + 1)
                .SelectMany(s => s.Dates.Select(d => d with { Start = d.Start + s.Start - start }))
                .ToList();
            yield return new AnswerSpan(passage, start, passage.Text[start..end], dates);
        }
    }

    [GeneratedRegex(@"^(?:It|This|That|These|Those|They|He|She|Its|Their|Such)\b")]
    private static partial Regex OpensWithReference();
}
