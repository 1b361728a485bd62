using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
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
public sealed class LuceneIndex : IPassageIndex
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

    /// <summary>
    /// Builds an index on disk in <paramref name="path"/>, replacing what is there only once the new one is complete,
    /// so a failed build leaves the previous index in place.
    /// </summary>
    /// <remarks>
    /// Builds into the same path take turns: each holds <c>PATH.lock</c> from the removal of leftovers to the swap, so
    /// one never removes another's folder in the making. A build that cannot have the lock within
    /// <paramref name="lockTimeout"/> (a minute by default) throws <see cref="IndexLockedException"/> and changes nothing.
    /// </remarks>
    public static void BuildOnDisk(KnowledgeBase knowledge, string path, TimeSpan? lockTimeout = null)
    {
        var target = Path.GetFullPath(path);
        using var held = Lock(target, lockTimeout ?? TimeSpan.FromMinutes(1));
        RemoveLeftovers(target);
        var building = target + ".building-" + Guid.NewGuid().ToString("N")[..8];
        var analyzers = Analyzers.Create(knowledge);
        try
        {
            using (var directory = new NIOFSDirectory(new DirectoryInfo(building)))
            {
                Write(knowledge, directory, analyzers.Writing);
            }

            var retired = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Move(target, retired);
            }

            System.IO.Directory.Move(building, target);
            if (System.IO.Directory.Exists(retired))
            {
                System.IO.Directory.Delete(retired, recursive: true);
            }
        }
        finally
        {
            analyzers.Dispose();
            if (System.IO.Directory.Exists(building))
            {
                System.IO.Directory.Delete(building, recursive: true);
            }
        }
    }

    /// <summary>
    /// Takes the lock file beside the index: opened for exclusive use, which the operating system grants to one process
    /// at a time (an advisory lock on Unix) and releases when the process ends, however it ends. The file itself stays.
    /// </summary>
    private static FileStream Lock(string target, TimeSpan timeout)
    {
        var path = target + ".lock";
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IndexLockedException(
                    $"another reindex is writing the index at {target} (it holds {path}); wait for it to finish and run this one again", e);
            }
        }
    }

    /// <summary>Removes what a build killed halfway left beside the index: its unfinished or retired folders.</summary>
    private static void RemoveLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !System.IO.Directory.Exists(parent))
        {
            return;
        }

        var name = Path.GetFileName(target);
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(parent, name + ".*")
                     .Where(d => Path.GetFileName(d).StartsWith(name + ".building-", StringComparison.Ordinal)
                                 || Path.GetFileName(d).StartsWith(name + ".old-", StringComparison.Ordinal)))
        {
            System.IO.Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>Opens an index written by <see cref="BuildOnDisk"/>; null when it is missing or was built from other knowledge.</summary>
    public static LuceneIndex? OpenOnDisk(KnowledgeBase knowledge, string path, ISemanticIndex? semantic = null)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return null;
        }

        var directory = new NIOFSDirectory(new DirectoryInfo(path));
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                directory.Dispose();
                return null;
            }

            var commits = DirectoryReader.ListCommits(directory);
            var hash = commits[^1].UserData.TryGetValue(ContentHashKey, out var h) ? h : null;
            if (hash != knowledge.ContentHash || (commits[^1].UserData.TryGetValue(AnalysisKey, out var analysis) ? analysis : null) != AnalysisVersion)
            {
                directory.Dispose();
                return null;
            }

            return new LuceneIndex(knowledge, directory, Analyzers.Create(knowledge), semantic);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

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

    private List<string> RawTokens(string text)
    {
        var tokens = new List<string>();
        using var stream = _engine.RawAnalyzer.GetTokenStream(RawField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

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

    private string[] TokensOf(string text)
    {
        var tokens = new List<string>();
        using var stream = _engine.IndexAnalyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return [.. tokens];
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _engine.Release();
        }
    }

    private static void Write(KnowledgeBase knowledge, LuceneDirectory directory, Analyzer analyzer)
    {
        var config = new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };
        using var writer = new IndexWriter(directory, config);

        // One document and its fields, refilled for each paragraph, as Lucene's indexing advice suggests.
        var id = new StringField(IdField, "", Field.Store.YES);
        var text = new TextField(TextField, "", Field.Store.NO);
        var section = new TextField(SectionField, "", Field.Store.NO);
        var title = new TextField(TitleField, "", Field.Store.NO);
        var raw = new TextField(RawField, "", Field.Store.NO);
        var document = new Document { id, text, section, title, raw };
        foreach (var source in knowledge.Documents)
        {
            title.SetStringValue(source.Title);
            foreach (var passage in source.Paragraphs)
            {
                id.SetStringValue(passage.Id);
                text.SetStringValue(passage.Text);
                raw.SetStringValue(passage.Text);
                // A quote's author is what it is searched by: "what did the embassy post about …".
                section.SetStringValue(((passage.Section ?? "") + " " + (passage.Attribution ?? "")).Trim());
                writer.AddDocument(document);
            }
        }

        writer.SetCommitData(new Dictionary<string, string> { [ContentHashKey] = knowledge.ContentHash, [AnalysisKey] = AnalysisVersion });
        writer.Commit();
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

    /// <summary>
    /// The index-time analyzer, the query-time analyzer (the same chain plus synonyms), the raw one (words as written,
    /// for typo correction), and the one that writes the index (each field with its own).
    /// </summary>
    private sealed record Analyzers(Analyzer Index, Analyzer Query, Analyzer Raw, Analyzer Writing) : IDisposable
    {
        public static Analyzers Create(KnowledgeBase knowledge)
        {
            var stopWords = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet.Count + QuestionWords.StopWords.Count, ignoreCase: true);
            stopWords.UnionWith(EnglishAnalyzer.DefaultStopSet);
            var questionStops = new CharArraySet(Version, QuestionWords.StopWords, ignoreCase: true);
            questionStops.UnionWith(EnglishAnalyzer.DefaultStopSet);

            var index = Chain(stopWords, synonyms: null);
            var synonymMap = SynonymsParser.Parse(knowledge.Synonyms);
            var query = Chain(questionStops, synonymMap);
            var raw = Analyzer.NewAnonymous((_, reader) =>
            {
                var source = new StandardTokenizer(Version, reader);
                TokenStream stream = new EnglishPossessiveFilter(Version, source);
                stream = new LowerCaseFilter(Version, stream);
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(stream));
            });
            var writing = new PerFieldAnalyzerWrapper(index, new Dictionary<string, Analyzer> { [RawField] = raw });
            return new Analyzers(index, query, raw, writing);
        }

        public void Dispose()
        {
            Query.Dispose();
            Index.Dispose();
            Raw.Dispose();

            // Writing only wraps the others, which are disposed above.
        }

        private static Analyzer Chain(CharArraySet stopWords, SynonymMap? synonyms) =>
            Analyzer.NewAnonymous((_, reader) =>
            {
                var source = new StandardTokenizer(Version, reader);
                TokenStream stream = new EnglishPossessiveFilter(Version, source);
                stream = new LowerCaseFilter(Version, stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new StopFilter(Version, stream, stopWords);
                stream = new PorterStemFilter(stream);
                if (synonyms is not null)
                {
                    stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
                }

                return new TokenStreamComponents(source, stream);
            });
    }
}

/// <summary>Another build holds the on-disk index's lock: nothing was written.</summary>
public sealed class IndexLockedException(string message, Exception inner) : IOException(message, inner);
