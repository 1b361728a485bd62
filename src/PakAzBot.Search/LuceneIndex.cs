using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PakAzBot.Search;

/// <summary>
/// A Lucene.Net BM25 index with one document per paragraph. Text is indexed with English stemming;
/// questions are analyzed the same way and then expanded with the knowledge base's synonyms.
/// </summary>
public sealed partial class LuceneIndex : IPassageIndex
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;
    internal const string IdField = "id";
    internal const string TextField = "text";
    internal const string SectionField = "section";
    internal const string TitleField = "title";

    /// <summary>The paragraph's words as written (lower case, accents folded, not stemmed): what typos are corrected against.</summary>
    internal const string RawField = "raw";
    internal const string ContentHashKey = "pakazbot.contentHash";

    /// <summary>Bumped whenever the analysis chain changes, so an index written by an earlier chain is built again.</summary>
    internal const string AnalysisKey = "pakazbot.analysis";
    internal const string AnalysisVersion = "4";

    /// <summary>The inverse document frequency of a word in about 95% of the paragraphs.</summary>
    internal const double NegligibleIdf = 0.05;

    // Passages that questions keep landing on are analyzed once; the cap bounds memory on very large folders.
    private const int MaxCachedPassages = 50_000;

    private readonly Engine _engine;
    private int _disposed;

    private LuceneIndex(KnowledgeBase knowledge, LuceneDirectory directory, Analyzers analyzers, ISemanticIndex? semantic)
        : this(knowledge, new Engine(knowledge, directory, analyzers), semantic)
    {
    }

    private LuceneIndex(KnowledgeBase knowledge, Engine engine, ISemanticIndex? semantic)
    {
        Knowledge = knowledge;
        _engine = engine;
        Semantic = semantic;
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>The dense vectors over the same paragraphs, or null when this index was built without them.</summary>
    public ISemanticIndex? Semantic { get; }

    /// <summary>The content hash of the knowledge the index was built from.</summary>
    public string ContentHash => _engine.Reader.IndexCommit.UserData.TryGetValue(ContentHashKey, out var h) ? h : "";

    /// <summary>
    /// Builds an index in memory: the default, fast for a knowledge folder of modest size. <paramref name="semantic"/>
    /// (built from the same knowledge by <c>SemanticIndex.Build</c>) is handed on as <see cref="Semantic"/>.
    /// </summary>
    public static LuceneIndex BuildInMemory(KnowledgeBase knowledge, ISemanticIndex? semantic = null)
    {
        var analyzers = Analyzers.Create(knowledge);
        var directory = new RAMDirectory();
        Write(knowledge, directory, analyzers.Writing);
        return new LuceneIndex(knowledge, directory, analyzers, semantic);
    }

    /// <summary>
    /// The same Lucene index with other semantic vectors (or none), without rebuilding it: the two share the index,
    /// which closes when the last of them is disposed. How a generation that went live without vectors gets them.
    /// </summary>
    public LuceneIndex WithSemantic(ISemanticIndex? semantic)
    {
        _engine.AddReference();
        return new LuceneIndex(Knowledge, _engine, semantic);
    }

    public IReadOnlyList<PassageHit> Search(AnalyzedQuery query, int count)
    {
        if (query.Terms.Count == 0 || count <= 0)
        {
            return [];
        }

        // A word in nearly every paragraph adds almost nothing to any score, yet scoring it walks every paragraph's
        // postings: leave such words out of the search (answering still counts them) when the question has others.
        var informative = query.Terms.Where(t => query.Idf(t) >= NegligibleIdf).ToList();
        var boolean = new BooleanQuery();
        foreach (var term in informative.Count > 0 ? informative : query.Terms)
        {
            // One clause per question word, so a word with many synonyms does not outweigh the others.
            var alternatives = new DisjunctionMaxQuery(0.1f);
            foreach (var t in term.Terms)
            {
                alternatives.Add(new TermQuery(new Term(TextField, t)));
                alternatives.Add(new TermQuery(new Term(SectionField, t)) { Boost = 0.3f });
            }

            boolean.Add(alternatives, Occur.SHOULD);
        }

        var top = _engine.Searcher.Search(boolean, count);
        return top.ScoreDocs.Select(d => new PassageHit(_engine.PassageByDoc[d.Doc], d.Score)).ToList();
    }

    public IReadOnlySet<string> TermsOf(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _engine.IndexAnalyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    public IReadOnlySet<string> PassageTerms(Passage passage)
    {
        if (_engine.PassageTerms.TryGetValue(passage, out var terms))
        {
            return terms;
        }

        terms = TermsOf((passage.Section ?? "") + "\n" + (passage.Attribution ?? "") + "\n" + passage.Text);
        if (_engine.PassageTerms.Count < MaxCachedPassages)
        {
            _engine.PassageTerms.TryAdd(passage, terms);
        }

        return terms;
    }

    public IReadOnlyList<IReadOnlyList<string>> SentenceTokens(Passage passage)
    {
        if (_engine.SentenceTokens.TryGetValue(passage, out var tokens))
        {
            return tokens;
        }

        tokens = passage.Sentences.Select(s => (IReadOnlyList<string>)TokensOf(s.Text)).ToArray();
        if (_engine.SentenceTokens.Count < MaxCachedPassages)
        {
            _engine.SentenceTokens.TryAdd(passage, tokens);
        }

        return tokens;
    }

    private string[] TokensOf(string text) => [.. Tokens(_engine.IndexAnalyzer, TextField, text)];

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/> as it analyzes <paramref name="field"/>.</summary>
    private static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _engine.Release();
        }
    }

    /// <summary>
    /// The Lucene side: directory, reader, searcher, analyzers. Shared by the <see cref="LuceneIndex"/> objects that
    /// <see cref="WithSemantic"/> makes, and closed when the last of them is disposed.
    /// </summary>
    private sealed class Engine
    {
        private readonly LuceneDirectory _directory;
        private int _references = 1;

        public Engine(KnowledgeBase knowledge, LuceneDirectory directory, Analyzers analyzers)
        {
            _directory = directory;
            IndexAnalyzer = analyzers.Index;
            QueryAnalyzer = analyzers.Query;
            RawAnalyzer = analyzers.Raw;

            Reader = DirectoryReader.Open(directory);
            Searcher = new IndexSearcher(Reader) { Similarity = new BM25Similarity() };
            PassageByDoc = new Passage[Reader.MaxDoc];
            foreach (var leaf in Reader.Leaves)
            {
                var ids = FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, IdField, false);
                var bytes = new BytesRef();
                for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                {
                    ids.Get(doc, bytes);
                    if (!knowledge.TryGetPassage(bytes.Utf8ToString(), out var passage))
                    {
                        throw new InvalidOperationException("The index does not match the knowledge folder; run 'pakazbot reindex'.");
                    }

                    PassageByDoc[leaf.DocBase + doc] = passage;
                }
            }
        }

        public Analyzer IndexAnalyzer { get; }

        public Analyzer QueryAnalyzer { get; }

        public Analyzer RawAnalyzer { get; }

        public DirectoryReader Reader { get; }

        public IndexSearcher Searcher { get; }

        public Passage[] PassageByDoc { get; }

        public System.Collections.Concurrent.ConcurrentDictionary<Passage, IReadOnlySet<string>> PassageTerms { get; } = new(ReferenceEqualityComparer.Instance);

        public System.Collections.Concurrent.ConcurrentDictionary<Passage, IReadOnlyList<IReadOnlyList<string>>> SentenceTokens { get; } = new(ReferenceEqualityComparer.Instance);

        public void AddReference()
        {
            if (Interlocked.Increment(ref _references) <= 1)
            {
                throw new ObjectDisposedException(nameof(LuceneIndex));
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Reader.Dispose();
                QueryAnalyzer.Dispose();
                IndexAnalyzer.Dispose();
                RawAnalyzer.Dispose();
                _directory.Dispose();
            }
        }
    }
}

/// <summary>Another build holds the on-disk index's lock: nothing was written.</summary>
public sealed class IndexLockedException(string message, Exception inner) : IOException(message, inner);
