using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Search;

/// <summary>Reads synonyms.txt (Solr format) with Lucene's own parser, stemming entries as questions are stemmed.</summary>
internal static class SynonymsParser
{
    public static SynonymMap? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var analyzer = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneIndex.Version, reader);
            TokenStream stream = new EnglishPossessiveFilter(LuceneIndex.Version, source);
            stream = new LowerCaseFilter(LuceneIndex.Version, stream);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, new PorterStemFilter(stream));
        });

        try
        {
            return Build(text, analyzer);
        }
        catch (Exception e) when (e is not KnowledgeValidationException)
        {
            // Lucene's message does not always say where; find the first line that fails alone.
            var lines = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                try
                {
                    Build(line, analyzer);
                }
                catch (Exception lineError)
                {
                    throw Refuse(i + 1, $"'{line}' is not a synonym rule ({Reason(lineError)})");
                }
            }

            throw Refuse(0, $"the synonyms could not be read ({Reason(e)})");
        }
    }

    private static SynonymMap Build(string text, Analyzer analyzer)
    {
        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer);
        parser.Parse(new StringReader(text));
        return parser.Build();
    }

    private static string Reason(Exception e) => (e.InnerException ?? e).Message;

    private static KnowledgeValidationException Refuse(int line, string message) =>
        new([new KnowledgeError(KnowledgeLoader.SynonymsFile, line,
            message + "; write equivalent words as 'a, b, c' or a one-way rule as 'a => b', one rule per line")]);
}
