using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakAzBot.Core.Answering;

namespace PakAzBot.Search;

/// <summary>Reading a question: its terms analyzed as the text was, expanded with synonyms, and misspelt words corrected.</summary>
public sealed partial class LuceneIndex
{
    public AnalyzedQuery Analyze(string text)
    {
        // The synonym filter gives every term it emits for a question word (or phrase) that word's offsets,
        // so the terms that share offsets are the alternatives for one word of the question.
        var groups = new List<(int Start, int End, int Position, List<string> Terms)>();
        using (var stream = _engine.QueryAnalyzer.GetTokenStream(TextField, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var posInc = stream.AddAttribute<IPositionIncrementAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += posInc.PositionIncrement;
                var value = term.ToString();
                var group = groups.FindIndex(g => g.Start == offset.StartOffset && g.End == offset.EndOffset);
                if (group < 0)
                {
                    groups.Add((offset.StartOffset, offset.EndOffset, position, [value]));
                }
                else if (!groups[group].Terms.Contains(value))
                {
                    groups[group].Terms.Add(value);
                }
            }

            stream.End();
        }

        // A synonym for a phrase ("photo show" → exhibition) stands for each word of the phrase.
        var phrases = groups.Where(p => groups.Any(g => g != p && g.Start >= p.Start && g.End <= p.End)).ToList();
        foreach (var phrase in phrases)
        {
            foreach (var word in groups.Where(g => !phrases.Contains(g) && g.Start >= phrase.Start && g.End <= phrase.End))
            {
                word.Terms.AddRange(phrase.Terms.Where(t => !word.Terms.Contains(t)));
            }
        }

        var terms = groups
            .Where(g => !phrases.Contains(g))
            .Select(g => new QueryTerm(text[g.Start..g.End], g.Position, g.Terms, g.Terms.Max(t => _engine.Reader.DocFreq(new Term(TextField, t)))))
            .Select(Correct)
            .ToList();
        return new AnalyzedQuery(text, terms, _engine.Reader.NumDocs);
    }

    /// <summary>
    /// A word the sources never use may be a typo of one they do ("exhibtion", "presidnet", "coton", "organised" for
    /// "organized"): Lucene's fuzzy terms enumeration (what its DirectSpellChecker does) finds the words the sources
    /// write, as written, within one edit (two for long words; a swap of two letters is one), and the nearest,
    /// commonest one stands beside the word as it was typed, stemmed as the index stems. Short words, numbers and
    /// well-known names ("India" is no typo of "indicating") are taken as written.
    /// </summary>
    private QueryTerm Correct(QueryTerm term)
    {
        if (term.Known || term.Surface.Any(char.IsDigit) || EntityGazetteer.Find(term.Surface).Count > 0)
        {
            return term;
        }

        var word = RawTokens(term.Surface).FirstOrDefault();
        var field = MultiFields.GetTerms(_engine.Reader, RawField);
        if (word is null || word.Length < 5 || field is null)
        {
            return term;
        }

        var edits = word.Length >= 8 ? 2 : 1;
        var fuzzy = new FuzzyTermsEnum(field, new Lucene.Net.Util.AttributeSource(), new Term(RawField, word), edits, 1, transpositions: true);
        string? best = null;
        var (bestEdits, bestFreq) = (int.MaxValue, 0);
        while (fuzzy.MoveNext())
        {
            var candidate = fuzzy.Term.Utf8ToString();
            var distance = EditDistance(word, candidate);
            if (distance < bestEdits || (distance == bestEdits && fuzzy.DocFreq > bestFreq))
            {
                (best, bestEdits, bestFreq) = (candidate, distance, fuzzy.DocFreq);
            }
        }

        if (best is null || bestEdits > edits || TermsOf(best).FirstOrDefault() is not { } stem || term.Terms.Contains(stem))
        {
            return term;
        }

        return term with { Terms = [.. term.Terms, stem], DocumentFrequency = _engine.Reader.DocFreq(new Term(TextField, stem)) };
    }

    private List<string> RawTokens(string text) => Tokens(_engine.RawAnalyzer, RawField, text);

    /// <summary>Edits between two words, a swap of neighbouring letters counting one (as the fuzzy enumeration counts).</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
