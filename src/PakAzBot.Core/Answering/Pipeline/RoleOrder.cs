using System.Text.RegularExpressions;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// Who does what to whom, read from word order alone (no word lists): a sentence that has the question's names
/// the other way round around the question's action speaks of a different event.
/// </summary>
/// <remarks>
/// Three general checks, each only where the sentence gives evidence (a sentence that lacks the words says nothing).
/// The first two need the plain clause "auxiliary, subject name, verb" (<see cref="Clause"/>); elsewhere word order
/// is too loose a guide (a name before a noun, "Lahore travel agents", reads the same as "travel agents in Lahore"),
/// and measured on the development sets the looser rules dropped right answers three times as often as wrong ones.
/// <list type="bullet">
/// <item>The subject ("Turkey" in "When did Turkey recognize Azerbaijan?") must come before some occurrence of the
/// verb in the sentence, not only after it ("… recognize Azerbaijan, following Turkey").</item>
/// <item>The pair: a name B after the verb, with what is done between subject and B, must not stand before the subject
/// around those words ("When did A send vaccine to B?" against "B … paid for vaccine to be shipped to … A").</item>
/// <item>The modifier: a name right before a noun in the question ("azerbaijani students") is contradicted by
/// another name (well known, or one the sources write only as a name) right before the same noun in the sentence
/// ("Pakistani students") when the question's name is not there too.</item>
/// </list>
/// </remarks>
internal sealed partial class RoleOrder
{
    private readonly IPassageIndex _index;
    private readonly List<QueryTerm> _names;
    private readonly (QueryTerm Subject, QueryTerm Verb)? _clause;
    private readonly List<QueryTerm> _done;
    private readonly List<(string Name, string Noun, IReadOnlySet<string> NounTerms)> _modified;
    private readonly Knowledge.Capitalization _capitals;

    /// <summary>Reads the question once; <see cref="Violation"/> is then asked of each span.</summary>
    public RoleOrder(Question question, IPassageIndex index)
    {
        _index = index;
        _capitals = Knowledge.Capitalization.Of(index.Knowledge);
        _names = question.Names.Where(n => n.Known).ToList();
        _clause = Clause(question, _names);
        _done = _clause is var (_, verb)
            ? question.Terms.Where(t => t.Known && t.Position >= verb.Position && !_names.Contains(t)).ToList()
            : [];
        _modified = Modified(question);
    }

    /// <summary>False when the question has neither the plain clause nor a name before a noun: no span can violate it.</summary>
    public bool Active => _clause is not null || _modified.Count > 0;

    public string? Violation(string span) =>
        Violation(span, Words().Matches(span).SelectMany(m => _index.TermsOf(m.Value)).ToList());

    /// <param name="tokens">The span's index terms in order (as <see cref="IPassageIndex.SentenceTokens"/> gives them).</param>
    public string? Violation(string span, IReadOnlyList<string> tokens)
    {
        int First(QueryTerm t) => IndexOf(tokens, t, last: false);
        int Last(QueryTerm t) => IndexOf(tokens, t, last: true);

        if (_clause is var (subject, verb))
        {
            var subjectFirst = First(subject);
            var verbLast = Last(verb);
            if (subjectFirst >= 0 && verbLast >= 0 && subjectFirst > verbLast)
            {
                return $"'{subject.Surface}' comes after '{verb.Surface}' in the sentence";
            }

            // "When did A send vaccine to B?" against "B … paid for vaccine to be shipped to … A": what is done stands
            // between them, with the two the other way round.
            foreach (var b in _names.Where(n => n.Position > verb.Position && !n.Terms.Intersect(subject.Terms).Any()))
            {
                var bFirst = First(b);
                var subjectLast = Last(subject);
                if (subjectFirst > bFirst && bFirst >= 0
                    && _done.Where(t => t.Position < b.Position)
                        .Any(act => Enumerable.Range(bFirst + 1, Math.Max(0, subjectLast - bFirst - 1)).Any(k => act.Terms.Contains(tokens[k]))))
                {
                    return $"'{b.Surface}' … '{subject.Surface}' stand the other way round around '{verb.Surface}'";
                }
            }
        }

        // Only a span that has one of the question's modified nouns can put another name before it.
        return _modified.Any(m => tokens.Any(m.NounTerms.Contains)) ? ModifierClash(span) : null;
    }

    private static int IndexOf(IReadOnlyList<string> tokens, QueryTerm term, bool last)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var k = last ? tokens.Count - 1 - i : i;
            if (term.Terms.Contains(tokens[k]))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// The question's subject and verb when it has the plain shape "auxiliary, name, verb": "When did Turkey recognize
    /// …", "Why did the Milli Majlis adopt …". Without that shape (a noun phrase, "be", no auxiliary) the order of
    /// words says nothing sure about who does what, and no check is made.
    /// </summary>
    private static (QueryTerm Subject, QueryTerm Verb)? Clause(Question question, IReadOnlyList<QueryTerm> names)
    {
        var m = Auxiliary().Match(question.Text);
        if (!m.Success)
        {
            return null;
        }

        var after = question.Text[(m.Index + m.Length)..];
        var article = LeadingArticle().Match(after);
        var rest = article.Success ? after[article.Length..] : after;
        var terms = question.Query.Terms.OrderBy(t => t.Position).ToList();
        var firstAfter = terms.FindIndex(t => rest.StartsWith(t.Surface, StringComparison.OrdinalIgnoreCase));
        if (firstAfter < 0)
        {
            return null;
        }

        var i = firstAfter;
        while (i < terms.Count && names.Contains(terms[i]))
        {
            i++;
        }

        // The verb is the next content word: only words the analyzer drops may stand between ("did Estmark ever
        // recognise …"). A name in the possessive belongs to the noun after it, which is the subject ("did Pakistan's
        // upper house …").
        if (i == firstAfter || i >= terms.Count || question.Weights.GetValueOrDefault(terms[i]) <= 0
            || char.IsUpper(terms[i].Surface[0]) || Possessive().IsMatch(terms[i - 1].Surface))
        {
            return null;
        }

        // "did A and B meet": both are subjects, and the sentence may name either first.
        var subjectRun = rest[..Math.Max(0, rest.IndexOf(terms[i].Surface, StringComparison.OrdinalIgnoreCase))];
        return CoordinatingWord().IsMatch(" " + subjectRun) ? null : (terms[i - 1], terms[i]);
    }

    /// <summary>The question's "name noun" pairs ("azerbaijani students"), with the noun's index terms.</summary>
    private List<(string Name, string Noun, IReadOnlySet<string> NounTerms)> Modified(Question question)
    {
        var words = Words().Matches(question.Text).Select(m => m.Value).ToList();
        var pairs = new List<(string, string, IReadOnlySet<string>)>();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!IsName(words[i]) || IsName(words[i + 1]) || words[i + 1].Any(char.IsDigit))
            {
                continue;
            }

            var noun = _index.TermsOf(words[i + 1]);
            if (_index.TermsOf(words[i]).Count > 0 && noun.Count > 0)
            {
                pairs.Add((words[i], words[i + 1], noun));
            }
        }

        return pairs;
    }

    private string? ModifierClash(string span)
    {
        if (_modified.Count == 0)
        {
            return null;
        }

        var spanWords = Words().Matches(span).Select(m => m.Value).ToList();
        foreach (var (name, noun, nounTerms) in _modified)
        {
            // Only an ordinary noun ("students"), not part of a name ("Standing Committee"), says whose it is.
            var before = Enumerable.Range(1, Math.Max(0, spanWords.Count - 1))
                .Where(k => IsCommonNoun(spanWords[k]) && _index.TermsOf(spanWords[k]).Overlaps(nounTerms))
                .Select(k => spanWords[k - 1])
                .ToList();
            var same = before.Any(w => Same(w, name));
            var other = before.FirstOrDefault(w => IsName(w) && !Same(w, name));
            if (!same && other is not null)
            {
                return $"the sentence says '{other} {noun}', not '{name} {noun}'";
            }
        }

        return null;
    }

    private bool IsName(string word) =>
        EntityGazetteer.Find(word).Count > 0 || _capitals.IsName(word.Replace("’s", "").Replace("'s", ""));

    private static bool IsCommonNoun(string word) => word.Length > 0 && char.IsLower(word[0]) && !word.Any(char.IsDigit);

    // Synonyms make "Azerbaijani" and "Azerbaijan" one name: compare through the query analyzer.
    private bool Same(string a, string b)
    {
        var x = _index.Analyze(a).Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        return _index.Analyze(b).Terms.SelectMany(t => t.Terms).Any(x.Contains);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b(?:did|does|do|has|have|had|will|would|can|could)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"['’]s?$")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"^(?:the|a|an)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"\s(?:and|&|with|or)\s", RegexOptions.IgnoreCase)]
    private static partial Regex CoordinatingWord();
}
