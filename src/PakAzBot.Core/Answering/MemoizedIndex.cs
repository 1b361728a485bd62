using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Remembers, for the length of one question, what the index said about each piece of text: answering analyzes
/// the same words and sentences many times over (every candidate span, every name, every pair of sentences).
/// Not thread-safe: one per question.
/// </summary>
internal sealed class MemoizedIndex(IPassageIndex inner) : IPassageIndex
{
    private readonly Dictionary<string, IReadOnlySet<string>> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalyzedQuery> _queries = new(StringComparer.Ordinal);

    public KnowledgeBase Knowledge => inner.Knowledge;

    public AnalyzedQuery Analyze(string text)
    {
        if (!_queries.TryGetValue(text, out var query))
        {
            _queries[text] = query = inner.Analyze(text);
        }

        return query;
    }

    public IReadOnlyList<PassageHit> Search(AnalyzedQuery query, int count) => inner.Search(query, count);

    public IReadOnlySet<string> TermsOf(string text)
    {
        if (!_terms.TryGetValue(text, out var terms))
        {
            _terms[text] = terms = inner.TermsOf(text);
        }

        return terms;
    }

    public IReadOnlySet<string> PassageTerms(Passage passage) => inner.PassageTerms(passage);

    public IReadOnlyList<IReadOnlyList<string>> SentenceTokens(Passage passage) => inner.SentenceTokens(passage);

    public ISemanticIndex? Semantic => inner.Semantic;

    // The inner index belongs to whoever made it.
    public void Dispose()
    {
    }
}
