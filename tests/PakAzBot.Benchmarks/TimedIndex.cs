using System.Diagnostics;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Benchmarks;

/// <summary>Counts the time answering spends in each call to the index, to see where an answer's cost goes.</summary>
public sealed class TimedIndex(IPassageIndex inner) : IPassageIndex
{
    public long AnalyzeTicks, SearchTicks, TermsTicks, TermsCalls;

    public KnowledgeBase Knowledge => inner.Knowledge;

    public AnalyzedQuery Analyze(string text)
    {
        var t = Stopwatch.GetTimestamp();
        try { return inner.Analyze(text); } finally { AnalyzeTicks += Stopwatch.GetTimestamp() - t; }
    }

    public IReadOnlyList<PassageHit> Search(AnalyzedQuery query, int count)
    {
        var t = Stopwatch.GetTimestamp();
        try { return inner.Search(query, count); } finally { SearchTicks += Stopwatch.GetTimestamp() - t; }
    }

    public IReadOnlySet<string> TermsOf(string text)
    {
        var t = Stopwatch.GetTimestamp();
        TermsCalls++;
        try { return inner.TermsOf(text); } finally { TermsTicks += Stopwatch.GetTimestamp() - t; }
    }

    public IReadOnlySet<string> PassageTerms(Passage passage)
    {
        var t = Stopwatch.GetTimestamp();
        TermsCalls++;
        try { return inner.PassageTerms(passage); } finally { TermsTicks += Stopwatch.GetTimestamp() - t; }
    }

    public IReadOnlyList<IReadOnlyList<string>> SentenceTokens(Passage passage)
    {
        var t = Stopwatch.GetTimestamp();
        TermsCalls++;
        try { return inner.SentenceTokens(passage); } finally { TermsTicks += Stopwatch.GetTimestamp() - t; }
    }

    public ISemanticIndex? Semantic => inner.Semantic;

    public void Dispose() { }
}
