using System.Globalization;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Tests.Timeline;

/// <summary>Hand-made timeline entries: any number, spread evenly over any span, from one or more documents.</summary>
internal static class TimelineFixtures
{
    private static readonly string[] Sections = ["Diplomacy", "Trade", "Defence", "Culture", "Energy"];

    /// <summary><paramref name="count"/> statements dated by day from <paramref name="first"/> to <paramref name="last"/>, oldest first.</summary>
    public static List<TimelineEntry> Entries(int count, DateOnly first, DateOnly last, int documents = 1)
    {
        var docs = Enumerable.Range(0, documents).Select(d => new SourceDocument(
            $"doc-{d}", $"Document number {d} about relations", "Publisher", new DateOnly(2022, 1, 1), null, "en", null, $"doc-{d}.md", [])).ToList();
        var span = last.DayNumber - first.DayNumber;
        return Enumerable.Range(0, count).Select(i =>
        {
            var day = DateOnly.FromDayNumber(first.DayNumber + (count == 1 ? 0 : (int)((long)span * i / (count - 1))));
            var date = PartialDate.OfDay(day);
            var when = date.Label;
            var quote = string.Create(CultureInfo.InvariantCulture, $"On {when}, statement {i} says that Pakistan and Azerbaijan signed agreement number {i}.");
            var doc = docs[i % documents];
            var passage = new Passage
            {
                DocumentId = doc.Id, Number = i + 1, Section = Sections[i % Sections.Length], Text = quote, Line = i + 1, Sentences = [],
            };
            return new TimelineEntry(new DateMention(3, when.Length, when, date), quote, new Citation(doc, passage));
        }).ToList();
    }

    /// <summary>A knowledge document of <paramref name="count"/> dated sentences, one paragraph each, over <paramref name="years"/> years.</summary>
    public static string Document(int count, int firstYear, int years)
    {
        var months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        var paragraphs = Enumerable.Range(0, count).Select(i =>
        {
            var year = firstYear + i * years / count;
            var section = i % 4 == 0 ? $"\n## {Sections[i / 4 % Sections.Length]} {i / 4}\n\n" : "";
            return string.Create(CultureInfo.InvariantCulture, $"{section}In {months[i % 12]} {year}, the two governments signed protocol number {i + 1} on shared work.\n");
        });
        return "---\nid: synthetic-timeline\ntitle: A synthetic timeline of dated statements\npublisher: Test\npublished: 2024-01-01\nlanguage: en\n---\n\n"
            + string.Join("\n", paragraphs);
    }
}
