using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// The search index over a knowledge base's paragraphs. Core answers through this interface and never
/// sees the search engine; the index is derived data and can always be rebuilt from the knowledge folder.
/// Implementations are safe to use from many threads at once.
/// </summary>
public interface IPassageIndex : IDisposable
{
    KnowledgeBase Knowledge { get; }

    /// <summary>The question's content words, analyzed as the index analyzes text, with synonyms and document frequencies.</summary>
    AnalyzedQuery Analyze(string text);

    /// <summary>The best paragraphs for the query, best first.</summary>
    IReadOnlyList<PassageHit> Search(AnalyzedQuery query, int count);

    /// <summary>The index terms of a piece of text (no synonyms), to see which query terms a sentence contains.</summary>
    IReadOnlySet<string> TermsOf(string text);

    /// <summary>The index terms of a passage's text with its section heading; implementations may keep them.</summary>
    IReadOnlySet<string> PassageTerms(Passage passage);

    /// <summary>
    /// The index terms of each sentence of a passage, in the sentence's order (words the index leaves out are not
    /// there): for which question words a sentence holds and how close together. Implementations may keep them.
    /// </summary>
    IReadOnlyList<IReadOnlyList<string>> SentenceTokens(Passage passage);

    /// <summary>The semantic vectors over the same passages, or null when semantic search is off or not built yet.</summary>
    ISemanticIndex? Semantic => null;
}

/// <summary>A paragraph and its relevance score (engine-specific scale; compare only within one result list).</summary>
public sealed record PassageHit(Passage Passage, float Score);

/// <summary>
/// One word (or phrase) of the question: its surface form, the index terms that stand for it
/// (its stem and its synonyms' stems), and in how many paragraphs the commonest of them occurs.
/// </summary>
public sealed record QueryTerm(string Surface, int Position, IReadOnlyList<string> Terms, int DocumentFrequency)
{
    public bool Known => DocumentFrequency > 0;
}

/// <summary>A question's analyzed content words, and the size of the index they were counted in.</summary>
public sealed record AnalyzedQuery(string Text, IReadOnlyList<QueryTerm> Terms, int PassageCount)
{
    /// <summary>Inverse document frequency as BM25 computes it; unknown terms weigh most.</summary>
    public double Idf(QueryTerm term) =>
        Math.Log(1 + ((PassageCount - term.DocumentFrequency + 0.5) / (term.DocumentFrequency + 0.5)));
}
