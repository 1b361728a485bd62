using System.Text.RegularExpressions;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// Who does what to whom, read from word order alone (no word lists): a sentence that has the question's names
/// the other way round around the question's action speaks of a different event.
/// </summary>
/// <remarks>
/// Three general checks, each only where the sentence gives evidence (a sentence that lacks the words says nothing):
/// <list type="bullet">
/// <item>The subject: the last name before the question's first action word ("Turkey" in "When did Turkey recognize
/// Azerbaijan?") must come before some occurrence of that action word in the sentence, not only after it
/// ("… recognize Azerbaijan, following Turkey").</item>
/// <item>The pair: names A … B in the question with an action word between them in the sentence must not stand as
/// B … A there ("When did A send vaccine to B?" against "B … paid for vaccine to be shipped to … A"), unless the
/// question joins them symmetrically ("between A and B", "A and B").</item>
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
        var actions = question.Terms
            .Where(t => t.Known && question.Weights[t] > 0 && !names.Contains(t) && !question.Given.Any(g => g.Text.Contains(t.Surface, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Position)
            .ToList();

        int First(QueryTerm t) => tokens.FindIndex(x => t.Terms.Any(x.Contains));
        int Last(QueryTerm t) => tokens.FindLastIndex(x => t.Terms.Any(x.Contains));

        if (actions.Count > 0)
        {
            var action = actions[0];
            var subject = names.LastOrDefault(n => n.Position < action.Position);
            var first = names.FirstOrDefault(n => n.Position < action.Position);

            // "When did A and B have their call?": both are subjects, and the sentence may name either first.
            if (subject is not null && !Coordinated(question.Text, first!.Surface, subject.Surface) && question.Query.Terms.Where(t => t.Position < action.Position).All(t => names.Contains(t) || question.Weights.GetValueOrDefault(t) == 0))
            {
                var at = First(subject);
                var actionAt = Last(action);
                if (at >= 0 && actionAt >= 0 && at > actionAt)
                {
                    return $"'{subject.Surface}' comes after '{action.Surface}' in the sentence";
                }
            }
        }

        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                var (a, b) = (names[i], names[j]);
                if (a.Terms.Intersect(b.Terms).Any() || Symmetric(question.Text, a.Surface, b.Surface))
                {
                    continue;
                }

                var aFirst = First(a);
                var bFirst = First(b);
                if (aFirst < 0 || bFirst < 0 || aFirst < bFirst)
                {
                    continue;
                }

                // B first and A after it, with what is done between them.
                var aLast = Last(a);
                if (actions.Any(act => Enumerable.Range(bFirst + 1, Math.Max(0, aLast - bFirst - 1)).Any(k => act.Terms.Any(tokens[k].Contains))))
                {
                    return $"'{b.Surface}' … '{a.Surface}' stand the other way round around the action";
                }
            }
        }

        return ModifierClash(question, span, index);
    }

    private static string? ModifierClash(Question question, string span, IPassageIndex index)
    {
        var questionWords = Words().Matches(question.Text).Select(m => m.Value).ToList();
        var spanWords = Words().Matches(span).Select(m => m.Value).ToList();
        var capitals = Knowledge.Capitalization.Of(index.Knowledge);
        bool IsName(string word) => EntityGazetteer.Find(word).Count > 0 || capitals.IsName(word.Replace("’s", "").Replace("'s", ""));
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

            var before = Enumerable.Range(1, Math.Max(0, spanWords.Count - 1))
                .Where(k => index.TermsOf(spanWords[k]).Overlaps(noun))
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

    private static bool Coordinated(string question, string first, string last)
    {
        var at = WordAt(question, first, 0);
        var end = at < 0 ? -1 : WordAt(question, last, at);
        return at >= 0 && end > at && CoordinatingWord().IsMatch(question[at..end]);
    }

    private static bool Symmetric(string question, string a, string b)
    {
        var at = WordAt(question, a, 0);
        var bt = at < 0 ? -1 : WordAt(question, b, at + a.Length);
        if (at < 0 || bt < 0)
        {
            return true;
        }

        var between = question[(at + a.Length)..bt];
        var lead = question[..at];
        return Joined().IsMatch(between) || BetweenWord().IsMatch(lead);
    }

    /// <summary>Where <paramref name="word"/> stands as a whole word in <paramref name="text"/>, from <paramref name="from"/> on; -1 if nowhere.</summary>
    private static int WordAt(string text, string word, int from)
    {
        if (word.Length == 0 || from > text.Length)
        {
            return -1;
        }

        var pattern = $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])";
        var match = Regex.Match(text[from..], pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? from + match.Index : -1;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex Words();

    [GeneratedRegex(@"^\W*(?:'s\s+|’s\s+)?(?:and|&|or|with|vs\.?|versus|-|–)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex Joined();

    [GeneratedRegex(@"\s(?:and|&|with|or)\s", RegexOptions.IgnoreCase)]
    private static partial Regex CoordinatingWord();

    [GeneratedRegex(@"\b(?:between|among|both)\s+(?:the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BetweenWord();
}
