using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Timeline;

/// <summary>A dated statement: the date, the sentence that carries it, and where it comes from.</summary>
public sealed record TimelineEntry(DateMention Date, string Quote, Citation Citation)
{
    /// <summary>Statements about the same event in different documents share a group (numbered from 1 in timeline
    /// order); null when no other document speaks of this event.</summary>
    public int? Group { get; init; }

    /// <summary>True when the group's documents date the event differently (dates that do not overlap at their
    /// precisions): "sources differ".</summary>
    public bool Differs { get; init; }
}

/// <summary>What to include in a timeline: a date range (inclusive, partial dates) and topic words.</summary>
public sealed record TimelineFilter(PartialDate? From = null, PartialDate? To = null, string? Topic = null);

/// <summary>Every dated statement of the sources, oldest first.</summary>
public static class TimelineBuilder
{
    public static IReadOnlyList<TimelineEntry> Build(IPassageIndex index, TimelineFilter? filter = null)
    {
        filter ??= new TimelineFilter();
        var knowledge = index.Knowledge;
        var onTopic = TopicPassages(index, filter.Topic);
        var order = knowledge.Passages.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var groups = EventGroups.Of(index);

        return knowledge.Passages
            .Where(p => onTopic is null || onTopic.Contains(p))
            .SelectMany(p => p.Sentences.SelectMany(s => s.Dates.Select(d => (Passage: p, Sentence: s, Date: d))))
            .Where(e => filter.From is null || e.Date.Date.End >= filter.From.Start)
            .Where(e => filter.To is null || e.Date.Date.Start <= filter.To.End)
            .OrderBy(e => e.Date.Date)
            .ThenBy(e => order[e.Passage])
            .ThenBy(e => e.Sentence.Index)
            .Select(e => new TimelineEntry(e.Date, e.Sentence.Text, new Citation(knowledge.DocumentOf(e.Passage), e.Passage))
            {
                Group = groups.TryGetValue(e.Sentence, out var g) ? g.Group : null,
                Differs = groups.TryGetValue(e.Sentence, out var d) && d.Differs,
            })
            .ToList();
    }

    /// <summary>Passages that contain every topic word (or a synonym of it) in their text or section heading.</summary>
    private static HashSet<Passage>? TopicPassages(IPassageIndex index, string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return null;
        }

        var query = index.Analyze(topic);
        if (query.Terms.Count == 0)
        {
            return null;
        }

        return index.Search(query, index.Knowledge.Passages.Count)
            .Select(h => h.Passage)
            .Where(p =>
            {
                var terms = index.PassageTerms(p);
                return query.Terms.All(t => t.Terms.Any(terms.Contains));
            })
            .ToHashSet();
    }
}
