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
/// another name (well known, or one the sources write only as a name) right before the same noun in the sentence ("Pakistani students") when the question's
/// name is not there too.</item>
/// </list>
/// </remarks>
internal static partial class RoleOrder
{
    public static string? Violation(Question question, string span, IPassageIndex index)
    {
        var tokens = Words().Matches(span).Select(m => index.TermsOf(m.Value)).ToList();
        var names = question.Names.Where(n => n.Known).ToList();
        int First(QueryTerm t) => tokens.FindIndex(x => t.Terms.Any(x.Contains));
        int Last(QueryTerm t) => tokens.FindLastIndex(x => t.Terms.Any(x.Contains));

        if (Clause(question, names) is not { } clause)
        {
            return ModifierClash(question, span, index);
        }

        var (subject, verb) = clause;
        var at = First(subject);
        var verbAt = Last(verb);
        if (at >= 0 && verbAt >= 0 && at > verbAt)
        {
            return $"'{subject.Surface}' comes after '{verb.Surface}' in the sentence";
        }

        // "When did A send vaccine to B?" against "B … paid for vaccine to be shipped to … A": what is done stands
        // between them, with the two the other way round.
        foreach (var b in names.Where(n => n.Position > verb.Position && !n.Terms.Intersect(subject.Terms).Any()))
        {
            var done = question.Terms.Where(t => t.Known && t.Position >= verb.Position && t.Position < b.Position && !names.Contains(t)).ToList();
            var aFirst = First(subject);
            var bFirst = First(b);
            var aLast = Last(subject);
            if (aFirst > bFirst && bFirst >= 0
                && done.Any(act => Enumerable.Range(bFirst + 1, Math.Max(0, aLast - bFirst - 1)).Any(k => act.Terms.Any(tokens[k].Contains))))
            {
                return $"'{b.Surface}' … '{subject.Surface}' stand the other way round around '{verb.Surface}'";
            }
        }

        return ModifierClash(question, span, index);
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

        if (i == firstAfter || i >= terms.Count || question.Weights.GetValueOrDefault(terms[i]) <= 0
            || terms[i].Position != terms[i - 1].Position + 1 || char.IsUpper(terms[i].Surface[0]))
        {
            return null;
        }

        // "did A and B meet": both are subjects, and the sentence may name either first.
        var subjectRun = rest[..Math.Max(0, rest.IndexOf(terms[i].Surface, StringComparison.OrdinalIgnoreCase))];
        return CoordinatingWord().IsMatch(" " + subjectRun) ? null : (terms[i - 1], terms[i]);
    }

    private static string? ModifierClash(Question question, string span, IPassageIndex index)
    {
        var questionWords = Words().Matches(question.Text).Select(m => m.Value).ToList();
        var spanWords = Words().Matches(span).Select(m => m.Value).ToList();
        var capitals = Knowledge.Capitalization.Of(index.Knowledge);
        bool IsName(string word) => EntityGazetteer.Find(word).Count > 0 || capitals.IsName(word.Replace("’s", "").Replace("'s", ""));
        bool IsCommonNoun(string word) => word.Length > 0 && char.IsLower(word[0]) && !word.Any(char.IsDigit);
        for (var i = 0; i + 1 < questionWords.Count; i++)
        {
            if (!IsName(questionWords[i]) || IsName(questionWords[i + 1]))
            {
                continue;
            }

            var name = index.TermsOf(questionWords[i]);
            var noun = index.TermsOf(questionWords[i + 1]);
            if (name.Count == 0 || noun.Count == 0)
            {
                continue;
            }

            if (questionWords[i + 1].Any(char.IsDigit))
            {
                continue;
            }

            // Only an ordinary noun ("students"), not part of a name ("Standing Committee"), says whose it is.
            var before = Enumerable.Range(1, Math.Max(0, spanWords.Count - 1))
                .Where(k => IsCommonNoun(spanWords[k]) && index.TermsOf(spanWords[k]).Overlaps(noun))
                .Select(k => spanWords[k - 1])
                .ToList();
            var same = before.Any(w => Same(index, w, questionWords[i]));
            var other = before.FirstOrDefault(w => IsName(w) && !Same(index, w, questionWords[i]));
            if (!same && other is not null)
            {
                return $"the sentence says '{other} {questionWords[i + 1]}', not '{questionWords[i]} {questionWords[i + 1]}'";
            }
        }

        return null;
    }

    // Synonyms make "Azerbaijani" and "Azerbaijan" one name: compare through the query analyzer.
    private static bool Same(IPassageIndex index, string a, string b)
    {
        var x = index.Analyze(a).Terms.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        var y = index.Analyze(b).Terms.SelectMany(t => t.Terms);
        return y.Any(x.Contains);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b(?:did|does|do|has|have|had|will|would|can|could)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"^(?:the|a|an)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingArticle();


    [GeneratedRegex(@"\s(?:and|&|with|or)\s", RegexOptions.IgnoreCase)]
    private static partial Regex CoordinatingWord();

}
