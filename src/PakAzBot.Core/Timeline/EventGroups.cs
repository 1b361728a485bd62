using System.Runtime.CompilerServices;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Timeline;

/// <summary>
/// Dated sentences of different documents that speak of the same event: they share most of their rarer words
/// (a weighted Dice overlap of their index terms, each weighted by how few dated sentences use it, dates and numbers
/// left out) and date it within a few years of each other. A group whose dates do not overlap at their precisions
/// ("9 June 1992" against "2 November 1992"; not "June 1992" against "9 June 1992") is one where the sources differ.
/// Computed once per knowledge base; the timeline's filters apply after.
/// </summary>
internal static class EventGroups
{
    /// <summary>How much of their weighted words two sentences must share to speak of one event.</summary>
    private const double SameEvent = 0.6;

    /// <summary>Years apart that two dates of one event may still be (a source that is a year or two off).</summary>
    private const int YearsApart = 5;

    private static readonly ConditionalWeakTable<KnowledgeBase, Dictionary<Sentence, (int Group, bool Differs)>> Cache = new();

    /// <summary>The group of each dated sentence that has one (numbered from 1 in timeline order), and whether it differs.</summary>
    public static IReadOnlyDictionary<Sentence, (int Group, bool Differs)> Of(IPassageIndex index) =>
        Cache.GetValue(index.Knowledge, _ => Compute(index));

    private static Dictionary<Sentence, (int Group, bool Differs)> Compute(IPassageIndex index)
    {
        var knowledge = index.Knowledge;
        var dated = knowledge.Passages
            .SelectMany(p => p.Sentences.Where(s => s.Dates.Count > 0).Select(s => (Passage: p, Sentence: s)))
            .ToList();
        if (knowledge.Documents.Count < 2 || dated.Count < 2)
        {
            return [];
        }

        var terms = dated.Select(d => index.TermsOf(d.Sentence.Text).Where(t => !t.Any(char.IsDigit) && !Months.Contains(t)).ToHashSet()).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms.SelectMany(t => t))
        {
            df[t] = df.GetValueOrDefault(t) + 1;
        }

        double Weight(string t) => Math.Log(1 + (double)dated.Count / df[t]);

        // Only sentences that share a word no more than a tenth of the dated sentences use are compared.
        var rare = Math.Max(2, dated.Count / 10);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < dated.Count; i++)
        {
            foreach (var t in terms[i].Where(t => df[t] <= rare))
            {
                (postings.TryGetValue(t, out var list) ? list : postings[t] = []).Add(i);
            }
        }

        var parent = Enumerable.Range(0, dated.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var i = 0; i < dated.Count; i++)
        {
            var candidates = terms[i].Where(postings.ContainsKey).SelectMany(t => postings[t]).Where(j => j > i).Distinct();
            foreach (var j in candidates)
            {
                if (dated[i].Passage.DocumentId == dated[j].Passage.DocumentId || !Near(dated[i].Sentence, dated[j].Sentence))
                {
                    continue;
                }

                var shared = terms[i].Intersect(terms[j]).Sum(Weight);
                var dice = 2 * shared / (terms[i].Sum(Weight) + terms[j].Sum(Weight));
                if (dice >= SameEvent)
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        var result = new Dictionary<Sentence, (int, bool)>(ReferenceEqualityComparer.Instance);
        var groups = Enumerable.Range(0, dated.Count).GroupBy(Find)
            .Where(g => g.Select(i => dated[i].Passage.DocumentId).Distinct().Count() > 1)
            .OrderBy(g => g.Min(i => dated[i].Sentence.Dates.Min(d => d.Date)))
            .ToList();
        for (var n = 0; n < groups.Count; n++)
        {
            var members = groups[n].ToList();
            var differs = members.Any(i => members.Any(j => dated[i].Passage.DocumentId != dated[j].Passage.DocumentId
                && !dated[i].Sentence.Dates.Any(a => dated[j].Sentence.Dates.Any(b => Overlap(a.Date, b.Date)))));
            foreach (var i in members)
            {
                result[dated[i].Sentence] = (n + 1, differs);
            }
        }

        return result;
    }

    private static bool Near(Sentence a, Sentence b) =>
        a.Dates.Any(x => b.Dates.Any(y => Math.Abs(x.Date.Year - y.Date.Year) <= YearsApart));

    /// <summary>One date contains the other at its precision: the same event told more or less precisely.</summary>
    public static bool Overlap(PartialDate a, PartialDate b) =>
        a.Contains(b) || b.Contains(a);

    private static readonly HashSet<string> Months = new(StringComparer.Ordinal)
    {
        "januari", "january", "februari", "february", "march", "april", "mai", "may", "june", "juli", "july", "august", "septemb",
        "september", "octob", "october", "novemb", "november", "decemb", "december",
    };
}
