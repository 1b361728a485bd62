using System.Text.RegularExpressions;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A paragraph retrieval found, with what each signal says of it.</summary>
/// <param name="Bm25">Its BM25 score over the best BM25 score (0 when BM25 did not find it).</param>
/// <param name="Cosine">Cosine similarity of its vector and the question's (0 without semantic search).</param>
/// <param name="Fused">The two signals joined: each scaled to 0..1 over the candidates, then averaged.</param>
/// <param name="Coverage">The weighted share of the question's words in it (its heading included). A word found only
/// in an earlier paragraph of its section counts half if said in the one just before, a quarter two back, and so on:
/// "The inquiry that followed…" speaks of the flood the paragraphs before it named.</param>
/// <param name="MissingName">A name the question gives (a run of name words, of which one is enough: "Ilham Aliyev" is
/// found as "Aliyev") that neither the paragraph, its heading, the paragraphs before it in its section nor its
/// document's title mentions; null when all are there.</param>
/// <param name="DatesFit">The share of the dates the question gives that it speaks of (with the paragraph it refers
/// back to, and its document's publication date); 1 when the question gives none.</param>
/// <param name="Bm25Rank">Its place in BM25's list (1 = first; 0 when BM25 did not find it).</param>
/// <param name="DenseRank">Its place among the nearest vectors (1 = nearest; 0 when not among them or semantic is off).</param>
/// <param name="MissingKey">The weightiest question word that neither it, its heading nor the paragraphs before it in its
/// section say, as a share of the question's weight (0 when every word is there).</param>
internal sealed record PassageCandidate(
    Passage Passage,
    double Bm25,
    double Cosine,
    double Fused,
    double Coverage,
    string? MissingName,
    double DatesFit,
    int Bm25Rank = 0,
    int DenseRank = 0,
    double MissingKey = 0)
{
    /// <summary>A question that gives a date is answered only by a passage that speaks of one of them.</summary>
    public bool Eligible => DatesFit > 0;
}

/// <summary>The result of retrieval: candidates best first, and the question's vector when semantic search is on.</summary>
internal sealed record Retrieval(IReadOnlyList<PassageCandidate> Candidates, float[]? QueryVector);

/// <summary>
/// Stage 2: hybrid retrieval. Lucene's BM25 and, when the index has vectors, cosine similarity each propose their
/// best paragraphs; each candidate gets both scores, scaled to 0..1 over the candidates, and their mean ranks them.
/// </summary>
internal static partial class RetrieveStage
{
    // Measured on the five question files: 12 from each retriever and 10 kept answer exactly as 20 and 12 did, for less work.
    private const int PerRetriever = 12;
    private const int Kept = 10;
    private const int DatedDepth = 4;

    // A word said eight paragraphs back counts 1/256 of its weight: further back is not looked at.
    private const int LookBack = 8;

    /// <param name="include">A paragraph to keep among the candidates whatever its scores: the one a user picked.</param>
    public static Retrieval Run(Question question, IPassageIndex index, Trace trace, Passage? include = null)
    {
        var weighted = question.Query with { Terms = question.Query.Terms.Where(t => question.Weights.GetValueOrDefault(t) > 0).ToList() };
        // A question that gives a date is answered only by a paragraph that speaks of it, so each retriever looks further
        // down its list for one: "how many Pakistanis visited in 2022" has few words of its own.
        var depth = question.Given.Count > 0 ? PerRetriever * DatedDepth : PerRetriever;
        var lexical = weighted.Terms.Count > 0 ? index.Search(weighted, depth) : [];
        var semantic = index.Semantic;
        var vector = semantic?.EncodeQuery(question.Text);
        var dense = vector is null ? [] : semantic!.Nearest(vector, depth);

        var topBm25 = lexical.Count > 0 ? lexical[0].Score : 1;
        var bm25 = new Dictionary<Passage, double>(ReferenceEqualityComparer.Instance);
        foreach (var hit in lexical)
        {
            bm25.TryAdd(hit.Passage, hit.Score / topBm25);
        }

        var passages = lexical.Select(h => h.Passage).Concat(dense.Select(h => h.Passage)).Distinct().ToList();
        if (include is not null && !passages.Contains(include))
        {
            passages.Add(include);
        }

        var bm25Rank = RankOf(lexical);
        var denseRank = RankOf(dense);
        var cosines = passages.ToDictionary(p => p, p => vector is null ? 0.0 : semantic!.Similarity(vector, p));
        var (low, high) = cosines.Count > 0 ? (cosines.Values.Min(), cosines.Values.Max()) : (0, 0);

        // Scores and dates first, for every candidate (cheap); the word-level work only for those kept.
        var ranked = new List<(Passage Passage, double Bm25, double Cosine, double Fused, double DatesFit)>();
        foreach (var passage in passages)
        {
            var b = bm25.GetValueOrDefault(passage);
            var c = cosines[passage];
            var cScaled = high > low ? (c - low) / (high - low) : vector is null ? 0 : 1;
            var fused = vector is null ? b : (b + cScaled) / 2;
            var previous = RefersBack(passage) ? SectionBefore(index.Knowledge, passage).FirstOrDefault() : null;
            var published = Dates.PartialDate.OfDay(index.Knowledge.DocumentOf(passage).Published);
            var dates = passage.Dates.Select(d => d.Date).Concat(previous?.Dates.Select(d => d.Date) ?? []).Append(published).ToList();
            // A year may also be part of a name the paragraph gives ("Trident Crescent – 2022", held in 2023).
            var datesFit = question.Given.Count == 0 ? 1
                : (double)question.Given.Count(g => dates.Any(g.Matches) || (g.Date is { Precision: Dates.DatePrecision.Year } y && passage.Text.Contains(y.Iso, StringComparison.Ordinal)))
                  / question.Given.Count;
            ranked.Add((passage, b, c, fused, datesFit));
        }

        // A paragraph that speaks of none of the question's dates cannot answer it, so those that do are kept first.
        var phrases = NamePhrases(question);
        var kept = ranked.OrderByDescending(r => r.Passage == include).ThenByDescending(r => r.DatesFit > 0).ThenByDescending(r => r.Fused).Take(Kept).Select(r =>
        {
            var terms = index.PassageTerms(r.Passage);
            var before = SectionBefore(index.Knowledge, r.Passage).Select(index.PassageTerms).ToList();

            // A word said n paragraphs back counts 1/2^n: the nearer it was said, the likelier the paragraph still speaks of it.
            double Heard(QueryTerm t)
            {
                var back = before.FindIndex(b => Question.Matches(t, b));
                return back < 0 ? 0 : Math.Pow(0.5, back + 1);
            }

            var coverage = question.TotalWeight <= 0 ? 0
                : question.Weights.Sum(w => Question.Matches(w.Key, terms) ? w.Value : w.Value * Heard(w.Key)) / question.TotalWeight;
            var around = index.TermsOf(index.Knowledge.DocumentOf(r.Passage).Title);
            var missing = phrases.FirstOrDefault(phrase => !phrase.Any(n => Question.Matches(n, terms) || Question.Matches(n, around) || Heard(n) > 0));
            var missingKey = question.TotalWeight <= 0 ? 0
                : question.Weights.Where(w => w.Key.Known && !Question.Matches(w.Key, terms) && Heard(w.Key) == 0).Select(w => w.Value).DefaultIfEmpty(0).Max() / question.TotalWeight;
            return new PassageCandidate(r.Passage, r.Bm25, r.Cosine, r.Fused, coverage, missing is null ? null : string.Join(' ', missing.Select(n => n.Surface)), r.DatesFit,
                bm25Rank.GetValueOrDefault(r.Passage), denseRank.GetValueOrDefault(r.Passage), missingKey);
        }).ToList();
        trace.Write("retrieve", $"bm25 {lexical.Count} hits, {(vector is null ? "semantic off" : $"semantic ({semantic!.Model}) {dense.Count} hits")}; kept {kept.Count}:");
        foreach (var c in kept)
        {
            trace.Write("retrieve", () => $"  {c.Passage.Id} fused={c.Fused:0.00} bm25={c.Bm25:0.00} cos={c.Cosine:0.000} coverage={c.Coverage:0.00}"
                + (c.MissingName is null ? "" : $" lacks '{c.MissingName}'") + (c.DatesFit >= 1 ? "" : $" dates={c.DatesFit:0.00}"));
        }

        return new Retrieval(kept, vector);
    }

    private static Dictionary<Passage, int> RankOf(IReadOnlyList<PassageHit> hits)
    {
        var ranks = new Dictionary<Passage, int>(ReferenceEqualityComparer.Instance);
        foreach (var hit in hits)
        {
            ranks.TryAdd(hit.Passage, ranks.Count + 1);
        }

        return ranks;
    }

    /// <summary>The question's names grouped into runs of neighbouring words ("Ilham Aliyev", "Milli Majlis").</summary>
    public static List<List<QueryTerm>> NamePhrases(Question question)
    {
        var phrases = new List<List<QueryTerm>>();
        foreach (var name in question.Names.OrderBy(n => n.Position))
        {
            if (phrases.Count > 0 && phrases[^1][^1].Position == name.Position - 1)
            {
                phrases[^1].Add(name);
            }
            else
            {
                phrases.Add([name]);
            }
        }

        return phrases;
    }

    // "In the honor of this event, …": the paragraph speaks of what the one before it said.
    private static bool RefersBack(Passage passage) =>
        passage.Sentences.Count > 0 && Demonstrative().IsMatch(passage.Sentences[0].Text);

    /// <summary>
    /// The paragraphs before this one in its section, nearest first: what the paragraph can speak of without naming
    /// it. At most <see cref="LookBack"/> of them, so a long section without headings costs no more.
    /// </summary>
    private static IEnumerable<Passage> SectionBefore(KnowledgeBase knowledge, Passage passage)
    {
        var paragraphs = knowledge.DocumentOf(passage).Paragraphs;
        for (var i = passage.Number - 2; i >= 0 && i >= passage.Number - 1 - LookBack && paragraphs[i].Section == passage.Section; i--)
        {
            yield return paragraphs[i];
        }
    }

    [GeneratedRegex(@"^(?:It|They|These|This|Those|Such|He|She|His|Her|Its|Their)\b|\b(?:this|these|that|those|such|the same)\s+(?:event|occasion|agreement|deal|day|year|visit|meeting|ceremony|anniversary|decision|step|move|session|resolution|group|plan|project|trip)\b")]
    private static partial Regex Demonstrative();
}
