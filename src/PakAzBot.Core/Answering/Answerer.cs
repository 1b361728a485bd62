using System.Text;
using System.Text.RegularExpressions;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Answers a question with a verbatim sentence of the best passage, or abstains.
/// </summary>
/// <remarks>
/// <para>Confidence scale (0..1). Each content word of the question weighs its BM25 inverse document frequency
/// (with synonyms: the commonest alternative counts); a word the sources never use weighs half the largest possible
/// weight (an adverb such as "formally" or an everyday word such as "took" a quarter), so one unknown word does not sink a question but a question
/// about an unknown subject does. Words of a date the question gives ("in 2021") weigh nothing: the date is a
/// condition that the cited passage must meet instead.
/// <c>passage</c> is the weighted share of the question found in the cited paragraph (with its section heading; when
/// it refers back, as "this event" does, words found only in the paragraph before it count half), <c>sentence</c> the share
/// found in the quoted sentence(s). Confidence is their mean, times 0.45 (so never enough) when the quote lacks what a
/// "when", "where", "how many", "who" or "what is it called" question asks for (a date, a place, a figure, a name),
/// times 0.8 when it lacks the thing a "which" question or the reason a "why" question asks for, and times 0.8 for
/// a yes/no question, which is answered only by quoting.</para>
/// <para>The bot abstains below <see cref="AbstainBelow"/>, and always when the question names something
/// (a country, a person, an organization) that the sources never mention or that no good passage mentions together
/// with the rest of the question, asks about a thing the sources never name ("the president of …"), gives a date
/// that no good passage speaks of, or names someone as doing what the passage says another did.</para>
/// </remarks>
public sealed partial class Answerer(IPassageIndex index, Action<string>? explain = null)
{
    public const double AbstainBelow = 0.45;
    private const int Candidates = 10;
    private const int MaxRelated = 2;
    /// <summary>The longest question answered; longer ones are cut by <see cref="Clean"/> and refused by the web API.</summary>
    public const int MaxQuestionLength = 500;

    public IPassageIndex Index { get; } = index;

    public Answer Ask(string question)
    {
        var text = Clean(question);
        var index = new MemoizedIndex(Index);
        var type = QuestionClassifier.Classify(text);
        var query = index.Analyze(text);
        if (query.Terms.Count == 0)
        {
            return Abstain(text, type, AbstentionReason.NoQuestion, 0, []);
        }

        var hits = index.Search(query, Candidates);
        var entityWords = NamedWords(text, query);
        var unknown = entityWords.Where(t => !t.Known).Select(t => t.Surface).Distinct().ToList();
        var focus = QuestionClassifier.Focus(text);
        if (focus is { Head: var head } && index.Analyze(head).Terms is [{ Known: false }])
        {
            unknown.Add(head);
        }

        if (unknown.Count > 0 || hits.Count == 0)
        {
            return Abstain(text, type, AbstentionReason.UnknownSubject, 0, hits, unknown);
        }

        var given = GivenDates(text);
        var weights = Weights(query, given);
        var total = weights.Values.Sum();
        explain?.Invoke($"type {type}; given dates [{string.Join(", ", given.Select(d => d.Date.Iso))}]; terms: "
            + string.Join(", ", query.Terms.Select(t => $"{t.Surface}[{string.Join('|', t.Terms)}] df={t.DocumentFrequency} w={weights[t]:0.00}")));

        Candidate? best = null;
        var scored = new List<(PassageHit Hit, double Coverage)>();
        var passages = new List<(PassageHit Hit, int Rank, double Coverage, double Bound)>();
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var hit = hits[rank];
            var passage = hit.Passage;
            var passageTerms = index.PassageTerms(passage);
            var contextTerms = RefersBack(passage) && Previous(passage) is { } previous ? index.TermsOf(previous.Text) : new HashSet<string>();
            var passageCoverage = query.Terms.Distinct().Sum(t =>
                Matches(t, passageTerms) ? weights[t] : Matches(t, contextTerms) ? weights[t] / 2 : 0) / total;
            scored.Add((hit, passageCoverage));

            // A passage that leaves out a name the question gives is about something else, and so is one
            // that speaks of none of the dates the question gives.
            if (entityWords.Any(e => !Matches(e, passageTerms))
                || given.Any(g => !passage.Dates.Any(d => d.Date.Start <= g.Date.End && g.Date.Start <= d.Date.End)))
            {
                continue;
            }

            // No span of the passage can score more than this: its sentences hold no more of the question than it does.
            var bound = (0.5 * Coverage(query, weights, passageTerms) / total) + (0.3 * passageCoverage) + (0.1 * hit.Score / hits[0].Score) + 0.15;
            passages.Add((hit, rank, passageCoverage, bound));
        }

        var roles = type == QuestionType.YesNo ? [] : RoleChecks(query, entityWords);
        var givenDates = given.Select(g => g.Date).ToList();
        foreach (var (hit, rank, passageCoverage, bound) in passages.OrderByDescending(p => p.Bound).ThenBy(p => p.Rank))
        {
            if (best is not null && bound < best.Selection)
            {
                break;
            }

            var passage = hit.Passage;
            var bm25 = hit.Score / hits[0].Score;
            var extractions = new Dictionary<int, Extraction>();
            Extraction Extract(AnswerSpan span)
            {
                if (!extractions.TryGetValue(span.Start * 2 + (span.IsPair ? 1 : 0), out var extraction))
                {
                    extractions[span.Start * 2 + (span.IsPair ? 1 : 0)] = extraction = AnswerExtractor.Extract(type, text, query, span, index, givenDates, focus?.Head, focus?.Modifiers ?? []);
                }

                return extraction;
            }

            var spans = AnswerSpan.Of(passage).ToList();
            for (var order = 0; order < spans.Count; order++)
            {
                var span = spans[order];
                var sentenceCoverage = Coverage(query, weights, index.TermsOf(span.Text)) / total;
                var brevity = 1 - Math.Min(1, span.WordCount / 60.0);
                var upper = (0.5 * sentenceCoverage) + (0.3 * passageCoverage) + (0.1 * bm25) + 0.1 + (0.05 * brevity);
                if (best is not null && upper < best.Selection)
                {
                    continue;
                }

                // Two sentences are quoted only when the first lacks what was asked and the second gives it.
                if (span.IsPair && Extract(spans.First(s => !s.IsPair && s.Start == span.Start)).FitsType)
                {
                    continue;
                }

                var extraction = Extract(span);
                if (span.IsPair && !extraction.FitsType)
                {
                    continue;
                }

                if (roles.Any(r => !KeepsOrder(index, span.Text, r.Entity, r.Word)))
                {
                    // "When did Turkey recognize Azerbaijan?" is not answered by "Pakistan … recognize Azerbaijan, following Turkey".
                    continue;
                }

                var fit = extraction.FitsType ? 1.0 : 0.0;
                var selection = (0.5 * sentenceCoverage) + (0.3 * passageCoverage) + (0.1 * bm25) + (0.1 * fit) + (0.05 * brevity);
                var confidence = (passageCoverage + sentenceCoverage) / 2 * (extraction.FitsType ? 1 : MissingTypePenalty(type))
                    * (type == QuestionType.YesNo ? YesNoPenalty : 1);
                explain?.Invoke($"  ¶{passage.Number} bm25={bm25:0.00} passage={passageCoverage:0.00} sentence={sentenceCoverage:0.00} fit={fit} select={selection:0.000} confidence={confidence:0.00} short={extraction.Short} | {span.Text[..Math.Min(70, span.Text.Length)]}");
                var candidate = new Candidate(hit, span, extraction, Math.Round(confidence, 3), selection, rank, order);
                if (best is null || candidate.Beats(best))
                {
                    best = candidate;
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

    // A "when", "where" or "how many" question answered without a date, place or figure is not answered at all:
    // the penalty puts it below the threshold whatever its coverage.
    private static double MissingTypePenalty(QuestionType type) =>
        type is QuestionType.When or QuestionType.Where or QuestionType.HowMany or QuestionType.Who or QuestionType.Name ? 0.45 : 0.8;

    // A yes/no question is answered by quoting what the sources say, never by a bare yes or no, so the quote must
    // say more of the question than for other kinds.
    private const double YesNoPenalty = 0.8;

    /// <summary>
    /// When a question opens with a rarer name and a word after it ("When did Turkey recognize …"), the name is who
    /// does it: a quote that names it only after that word ("… recognize Azerbaijan, following Turkey") speaks of
    /// someone else doing it, and a quote without that word does not say it at all.
    /// </summary>
    private static List<(QueryTerm Entity, QueryTerm Word)> RoleChecks(AnalyzedQuery query, List<QueryTerm> entities) =>
        query.Terms is [var subject, var verb, ..] && entities.Contains(subject) && !entities.Contains(verb) && verb.Known
            ? [(subject, verb)]
            : [];

    private static bool KeepsOrder(IPassageIndex index, string span, QueryTerm entity, QueryTerm word)
    {
        var tokens = Words().Matches(span).Select(m => index.TermsOf(m.Value)).ToList();
        var entityAt = tokens.FindIndex(t => entity.Terms.Any(t.Contains));
        var wordAt = tokens.FindLastIndex(t => word.Terms.Any(t.Contains));
        return wordAt >= 0 && (entityAt < 0 || entityAt < wordAt);
    }

    /// <summary>The dates a question states with a year ("in 2021", "the 1995 pact"); relative ones are left out.</summary>
    private static List<DateMention> GivenDates(string question) =>
        DateRecognizer.Recognize(question, DateOnly.FromDateTime(DateTime.UtcNow))
            .Where(m => FourDigits().IsMatch(m.Text))
            .ToList();

    // "In the honor of this event, …": the paragraph speaks of what the one before it said.
    private static bool RefersBack(Passage passage) =>
        passage.Sentences.Count > 0 && Demonstrative().IsMatch(passage.Sentences[0].Text);

    private Passage? Previous(Passage passage)
    {
        var paragraphs = Index.Knowledge.DocumentOf(passage).Paragraphs;
        var previous = passage.Number >= 2 ? paragraphs[passage.Number - 2] : null;
        return previous?.Section == passage.Section ? previous : null;
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

    private static Dictionary<QueryTerm, double> Weights(AnalyzedQuery query, IReadOnlyList<DateMention> given)
    {
        var unknownWeight = query.Idf(query.Terms[0] with { DocumentFrequency = 0 }) / 2;
        var dateWords = given.SelectMany(d => d.Text.Split(' ', ',')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return query.Terms.Distinct().ToDictionary(t => t, t =>
            dateWords.Contains(t.Surface) ? 0 // a date the question gives is a condition on passages, checked apart
            : t.Known ? query.Idf(t)
            : Adverb().IsMatch(t.Surface) || QuestionWords.IsCommon(t.Surface) ? unknownWeight / 2 // "formally", "took part": how, not what
            : unknownWeight);
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

    [GeneratedRegex(@"^\p{L}{3,}ly$", RegexOptions.IgnoreCase)]
    private static partial Regex Adverb();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Words();

    [GeneratedRegex(@"^(?:It|They|These|This|Those|Such)\b|\b(?:this|these|that|those|such|the same)\s+(?:event|occasion|agreement|deal|day|year|visit|meeting|ceremony|anniversary|decision|step|move)\b")]
    private static partial Regex Demonstrative();

    [GeneratedRegex(@"\d{4}")]
    private static partial Regex FourDigits();

    private sealed record Candidate(PassageHit Hit, AnswerSpan Span, Extraction Extraction, double Confidence, double Selection, int Rank, int Order)
    {
        // Equal scores go to the better search hit, then to the earlier span, whatever order they were looked at in.
        public bool Beats(Candidate other) =>
            Selection > other.Selection || (Selection == other.Selection && (Rank, Order).CompareTo((other.Rank, other.Order)) < 0);
    }
}
