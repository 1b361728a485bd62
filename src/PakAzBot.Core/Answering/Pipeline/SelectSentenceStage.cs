namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>A quotable span of a candidate paragraph and what it holds of the question.</summary>
/// <param name="Coverage">The weighted share of the question's words in the span.</param>
/// <param name="Cosine">The best cosine between the question's vector and a sentence of the span (0 without semantic search).</param>
/// <param name="Together">The weighted share of the question's neighbouring word pairs that stand within
/// <see cref="SelectSentenceStage.Near"/> words of each other in the span: "first flight" said together, not
/// "first" in one clause and "flight" in another.</param>
/// <param name="Window">The weighted share of the question's words inside the best run of
/// <see cref="SelectSentenceStage.WindowWords"/> words of the span.</param>
/// <param name="Focus">1 when the span says the thing the question asks about ("ambassador" in "who is the
/// ambassador …"); 0 when it does not or the question names no such thing.</param>
/// <param name="Names">The share of the question's names (runs of name words) the span itself says.</param>
/// <param name="MissingKey">The weightiest known question word the span lacks, as a share of the question's weight.</param>
/// <param name="Role">Why the span has the question's names the other way round (<see cref="RoleOrder"/>), or null.</param>
/// <param name="Numbers">The share of the numbers the question gives (not its dates: "7.3 million", "resolution 62/243")
/// that the span says; 0 when the question gives none.</param>
/// <param name="NumbersMissing">The share of those numbers the span does not say; 0 when the question gives none.</param>
/// <param name="OrdinalClash">1 when the question and the span each give an ordinal ("first", "2nd") and none is the
/// same: "the first speakers' meeting" against "the second speakers' meeting".</param>
/// <param name="DatesFit">The share of the question's dates the span itself speaks of (1 when it gives none).</param>
/// <param name="EveryNameAsWritten">True when the span itself says every name the question gives, each as the
/// question words it (not a synonym: "Baku" is not said by "Azerbaijan").</param>
/// <param name="NameSwap">1 when a well-known name the question gives (a country, city, people) is not in the span,
/// which names another instead: "did Azerbaijani MPs visit …" against "a Pakistani parliamentary delegation visited …".</param>
internal sealed record SpanCandidate(
    PassageCandidate Passage,
    AnswerSpan Span,
    double Coverage,
    double Cosine,
    double Together,
    double Window,
    double Focus,
    double Names,
    double MissingKey,
    string? Role,
    double Numbers = 0,
    double NumbersMissing = 0,
    double OrdinalClash = 0,
    double DatesFit = 1,
    double NameSwap = 0,
    bool EveryNameAsWritten = false)
{
    /// <summary>The span's index terms in order, for the who-does-what check the extract stage makes on the spans it keeps.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];
}

/// <summary>
/// Stage 3: reads every quotable span of the eligible candidates (each sentence, with the sentence before it when it
/// opens with a pronoun, and every pair of neighbours): which of the question's words it holds and how close
/// together, its vector's closeness to the question's, and whether it says the thing asked about. Nothing is dropped
/// here: the rank stage weighs it all.
/// </summary>
internal static partial class SelectSentenceStage
{
    /// <summary>Two question words this many index words apart or closer are said together.</summary>
    public const int Near = 3;

    /// <summary>The run of index words in which the question's words are counted for <see cref="SpanCandidate.Window"/>.</summary>
    public const int WindowWords = 8;

    public static IReadOnlyList<SpanCandidate> Run(Question question, Retrieval retrieval, IPassageIndex index, Trace trace)
    {
        var semantic = retrieval.QueryVector is null ? null : index.Semantic;
        var weighted = question.Weights.Where(w => w.Value > 0 && w.Key.Known).OrderBy(w => w.Key.Position).ToList();
        var pairs = weighted.Zip(weighted.Skip(1), (a, b) => (A: a.Key, B: b.Key, Weight: a.Value + b.Value)).ToList();
        var pairWeight = pairs.Sum(p => p.Weight);
        var focus = question.Focus is { Head: var head } ? index.Analyze(head).Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal) : null;
        var phrases = RetrieveStage.NamePhrases(question).Where(p => p.All(n => n.Known)).ToList();
        var numbers = GivenNumbers(question);
        var ordinals = Ordinals(question.Text);
        var asked = Entities(question.Text, index);
        var entityCache = new Dictionary<string, List<HashSet<string>>>(StringComparer.Ordinal);

        var spans = new List<SpanCandidate>();
        foreach (var candidate in retrieval.Candidates.Where(c => c.Eligible))
        {
            var sentenceTokens = index.SentenceTokens(candidate.Passage);
            foreach (var span in AnswerSpan.Of(candidate.Passage))
            {
                var covered = SentencesOf(span).ToList();
                var tokens = covered.Where(i => i < sentenceTokens.Count).SelectMany(i => sentenceTokens[i]).ToList();
                var terms = tokens.ToHashSet(StringComparer.Ordinal);
                var coverage = question.Coverage(terms);
                var cosine = semantic is null ? 0 : covered.Max(i => (double)semantic.SentenceSimilarity(retrieval.QueryVector, candidate.Passage, i));
                var together = pairWeight <= 0 ? 0 : pairs.Where(p => Close(tokens, p.A, p.B)).Sum(p => p.Weight) / pairWeight;
                var window = question.TotalWeight <= 0 ? 0 : BestWindow(tokens, weighted) / question.TotalWeight;
                var focusHere = focus is not null && focus.Overlaps(terms) ? 1 : 0;
                var names = phrases.Count == 0 ? 0 : (double)phrases.Count(p => p.Any(n => Question.Matches(n, terms))) / phrases.Count;
                var missingKey = question.TotalWeight <= 0 ? 0
                    : weighted.Where(w => !Question.Matches(w.Key, terms)).Select(w => w.Value).DefaultIfEmpty(0).Max() / question.TotalWeight;
                var saysNumbers = numbers.Count == 0 ? 0 : (double)numbers.Count(n => terms.Contains(n)) / numbers.Count;
                var spanOrdinals = ordinals.Count == 0 ? [] : Ordinals(span.Text);
                var ordinalClash = ordinals.Count > 0 && spanOrdinals.Count > 0 && !ordinals.Overlaps(spanOrdinals) ? 1 : 0;
                var datesFit = question.Given.Count == 0 ? 1
                    : (double)question.Given.Count(g => span.Dates.Any(d => g.Matches(d.Date)) || (g.Date is { Precision: Dates.DatePrecision.Year } y && span.Text.Contains(y.Iso, StringComparison.Ordinal)))
                      / question.Given.Count;
                var swap = 0;
                if (asked.Count > 0)
                {
                    if (!entityCache.TryGetValue(span.Text, out var here))
                    {
                        entityCache[span.Text] = here = Entities(span.Text, index);
                    }

                    var absent = asked.Any(e => !e.Overlaps(terms) && !here.Any(h => h.Overlaps(e)));
                    var other = here.Any(h => !asked.Any(e => e.Overlaps(h)));
                    swap = absent && other ? 1 : 0;
                }

                var asWritten = phrases.All(p => p.Any(n => n.Terms.Count > 0 && terms.Contains(n.Terms[0])));
                spans.Add(new SpanCandidate(candidate, span, coverage, cosine, together, window, focusHere, names, missingKey, null, saysNumbers,
                    numbers.Count == 0 ? 0 : 1 - saysNumbers, ordinalClash, datesFit, swap, asWritten) { Tokens = tokens });
            }
        }

        trace.Write("select", $"{spans.Count} spans read");

        return spans;
    }

    /// <summary>The well-known names a text gives, each as its index terms with synonyms ("Azerbaijani" is also "azerbaijan").</summary>
    private static List<HashSet<string>> Entities(string text, IPassageIndex index) =>
        EntityGazetteer.Find(text)
            .Select(e => index.Analyze(e).Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal))
            .Where(e => e.Count > 0)
            .ToList();

    /// <summary>The ordinals a text gives, as numbers: "first" and "1st" are 1.</summary>
    public static HashSet<int> Ordinals(string text)
    {
        var found = new HashSet<int>();
        foreach (System.Text.RegularExpressions.Match m in OrdinalWord().Matches(text))
        {
            var word = m.Value.ToLowerInvariant();
            var at = Array.IndexOf(OrdinalWords, word);
            if (at >= 0)
            {
                found.Add(at + 1);
            }
            else if (int.TryParse(word[..^2], out var n))
            {
                found.Add(n);
            }
        }

        return found;
    }

    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OrdinalWord();

    /// <summary>The numbers the question gives outside its dates, as the index writes them ("7.3", "62", "243").</summary>
    private static List<string> GivenNumbers(Question question) =>
        question.Terms.Where(t => t.Surface.Any(char.IsDigit) && question.Weights.GetValueOrDefault(t) > 0)
            .SelectMany(t => t.Terms.Take(1))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>True when some occurrence of <paramref name="a"/> stands within <see cref="Near"/> words of one of <paramref name="b"/>.</summary>
    private static bool Close(List<string> tokens, QueryTerm a, QueryTerm b)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!a.Terms.Contains(tokens[i]))
            {
                continue;
            }

            for (var j = Math.Max(0, i - Near); j <= Math.Min(tokens.Count - 1, i + Near); j++)
            {
                if (j != i && b.Terms.Contains(tokens[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The largest weight of distinct question words inside any run of <see cref="WindowWords"/> tokens.</summary>
    private static double BestWindow(List<string> tokens, List<KeyValuePair<QueryTerm, double>> weighted)
    {
        var best = 0.0;
        for (var start = 0; start < Math.Max(1, tokens.Count - WindowWords + 1); start++)
        {
            var end = Math.Min(tokens.Count, start + WindowWords);
            var sum = 0.0;
            foreach (var (term, weight) in weighted)
            {
                for (var k = start; k < end; k++)
                {
                    if (term.Terms.Contains(tokens[k]))
                    {
                        sum += weight;
                        break;
                    }
                }
            }

            best = Math.Max(best, sum);
        }

        return best;
    }

    /// <summary>The 0-based indexes of the passage's sentences that the span covers.</summary>
    public static IEnumerable<int> SentencesOf(AnswerSpan span)
    {
        var end = span.Start + span.Text.Length;
        return span.Passage.Sentences.Where(s => s.Start >= span.Start && s.Start < end).Select(s => s.Index).DefaultIfEmpty(0);
    }

    public static string Clip(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
