using System.Text;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Answers a question with a verbatim sentence of the best passage, or abstains.
/// </summary>
/// <remarks>
/// <para>Confidence scale (0..1). Each content word of the question weighs its BM25 inverse document frequency
/// (with synonyms: the commonest alternative counts); a word the sources never use weighs half the largest possible
/// weight, so one unknown word does not sink a question but a question about an unknown subject does.
/// <c>passage</c> is the weighted share of the question found in the cited paragraph (with its section heading),
/// <c>sentence</c> the share found in the quoted sentence(s). Confidence is their mean, times 0.8 when the sentence
/// lacks the kind of answer asked for (no date for "when", no figure for "how many", no name for "who").</para>
/// <para>The bot abstains below <see cref="AbstainBelow"/>, and always when the question names something
/// (a country, a person, an organization) that the sources never mention, or that no good passage mentions
/// together with the rest of the question.</para>
/// </remarks>
public sealed class Answerer(IPassageIndex index, Action<string>? explain = null)
{
    public const double AbstainBelow = 0.5;
    private const int Candidates = 10;
    private const int MaxRelated = 2;
    private const int MaxQuestionLength = 500;

    public IPassageIndex Index { get; } = index;

    public Answer Ask(string question)
    {
        var text = Clean(question);
        var type = QuestionClassifier.Classify(text);
        var query = Index.Analyze(text);
        if (query.Terms.Count == 0)
        {
            return Abstain(text, type, AbstentionReason.NoQuestion, 0, []);
        }

        var entityWords = NamedWords(text, query);
        var unknownEntities = entityWords.Where(t => !t.Known).Select(t => t.Surface).Distinct().ToList();
        var hits = Index.Search(query, Candidates);
        if (unknownEntities.Count > 0 || hits.Count == 0)
        {
            return Abstain(text, type, AbstentionReason.UnknownSubject, 0, hits, unknownEntities);
        }

        var weights = Weights(query);
        var total = weights.Values.Sum();
        explain?.Invoke($"type {type}; terms: " + string.Join(", ", query.Terms.Select(t => $"{t.Surface}[{string.Join('|', t.Terms)}] df={t.DocumentFrequency} w={weights[t]:0.00}")));
        var best = default(Candidate);
        var scored = new List<(PassageHit Hit, double Coverage)>();
        foreach (var hit in hits)
        {
            var passageTerms = Index.TermsOf((hit.Passage.Section ?? "") + "\n" + hit.Passage.Text);
            var passageCoverage = Coverage(query, weights, passageTerms) / total;
            scored.Add((hit, passageCoverage));
            if (entityWords.Any(e => !Matches(e, passageTerms)))
            {
                // A passage that leaves out a name the question gives is about something else.
                continue;
            }

            var bm25 = hit.Score / hits[0].Score;
            foreach (var span in AnswerSpan.Of(hit.Passage))
            {
                var sentenceTerms = Index.TermsOf(span.Text);
                var sentenceCoverage = Coverage(query, weights, sentenceTerms) / total;
                var extraction = AnswerExtractor.Extract(type, text, query, span, Index);
                var fit = extraction.FitsType ? 1.0 : 0.0;
                var focus = 1 - Math.Min(1, span.WordCount / 60.0);
                var selection = (0.5 * sentenceCoverage) + (0.3 * passageCoverage) + (0.1 * bm25) + (0.1 * fit) + (0.05 * focus);
                explain?.Invoke($"  ¶{hit.Passage.Number} bm25={bm25:0.00} passage={passageCoverage:0.00} sentence={sentenceCoverage:0.00} fit={fit} select={selection:0.000} short={extraction.Short} | {span.Text[..Math.Min(70, span.Text.Length)]}");
                if (best is null || selection > best.Selection)
                {
                    var confidence = (passageCoverage + sentenceCoverage) / 2 * (extraction.FitsType ? 1 : 0.8);
                    best = new Candidate(hit, span, extraction, Math.Round(confidence, 3), selection);
                }
            }
        }

        if (best is null || best.Confidence < AbstainBelow)
        {
            return Abstain(text, type, AbstentionReason.LowConfidence, best?.Confidence ?? 0, hits);
        }

        var related = scored
            .Where(s => s.Hit.Passage != best.Hit.Passage && s.Coverage >= AbstainBelow)
            .Take(MaxRelated)
            .Select(s => Cite(s.Hit.Passage))
            .ToList();

        return new Answer
        {
            Question = text,
            Type = type,
            Text = best.Span.Text,
            Short = best.Extraction.Short,
            Date = best.Extraction.Date,
            Confidence = best.Confidence,
            Citations = [Cite(best.Hit.Passage)],
            Related = related,
        };
    }

    /// <summary>Trims, drops control characters and folds white space; long questions are cut.</summary>
    public static string Clean(string question)
    {
        var builder = new StringBuilder(Math.Min(question.Length, MaxQuestionLength));
        foreach (var c in question)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (builder.Length < MaxQuestionLength)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private Citation Cite(Passage passage) => new(Index.Knowledge.DocumentOf(passage), passage);

    private Answer Abstain(string question, QuestionType type, AbstentionReason reason, double confidence,
        IReadOnlyList<PassageHit> hits, IReadOnlyList<string>? unknown = null)
    {
        // Closest topics first: the sections of the nearest passages, then the rest of what the sources cover.
        var topics = hits.Select(h => h.Passage.Section).OfType<string>()
            .Concat(Index.Knowledge.Topics())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Answer
        {
            Question = question,
            Type = type,
            Reason = reason,
            Confidence = Math.Round(confidence, 3),
            Topics = topics,
            UnknownWords = unknown ?? [],
        };
    }

    private static Dictionary<QueryTerm, double> Weights(AnalyzedQuery query)
    {
        var unknownWeight = query.Idf(query.Terms[0] with { DocumentFrequency = 0 }) / 2;
        return query.Terms.Distinct().ToDictionary(t => t, t => t.Known ? query.Idf(t) : unknownWeight);
    }

    private static double Coverage(AnalyzedQuery query, Dictionary<QueryTerm, double> weights, IReadOnlySet<string> terms) =>
        query.Terms.Distinct().Where(t => Matches(t, terms)).Sum(t => weights[t]);

    private static bool Matches(QueryTerm term, IReadOnlySet<string> terms) => term.Terms.Any(terms.Contains);

    /// <summary>
    /// The question's words that name something: well-known names (in any case) and capitalized words
    /// inside the question. Title-case or upper-case questions say nothing by their capitals, so only the list counts there.
    /// </summary>
    private static List<QueryTerm> NamedWords(string question, AnalyzedQuery query)
    {
        var names = EntityGazetteer.Find(question).SelectMany(n => n.Split(' ')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var capitalized = words.Skip(1).Where(w => w.Length > 0 && char.IsUpper(w[0])).ToList();
        if (capitalized.Count * 2 <= words.Length - 1)
        {
            foreach (var word in capitalized)
            {
                var name = word.Trim('?', '!', '.', ',', ';', ':', '"', '\'', '(', ')');
                names.Add(name);
                names.UnionWith(name.Split('-', '’', '\''));
            }
        }

        // The sources' own subjects (Pakistan and Azerbaijan here) stand in most passages, often as "the two
        // countries": they say nothing about which passage is meant, so only the rarer names must be found.
        var background = query.PassageCount / 4;
        return query.Terms
            .Where(t => t.Surface.Split('-', '’', '\'').Any(names.Contains) || names.Contains(t.Surface))
            .Where(t => t.DocumentFrequency <= background)
            .ToList();
    }

    private sealed record Candidate(PassageHit Hit, AnswerSpan Span, Extraction Extraction, double Confidence, double Selection);
}
