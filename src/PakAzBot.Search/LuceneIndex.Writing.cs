using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PakAzBot.Search;

/// <summary>Writing the index (one Lucene document per paragraph) and the analyzers that write and read its fields.</summary>
public sealed partial class LuceneIndex
{
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
