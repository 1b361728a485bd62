using System.Diagnostics;
using System.Globalization;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Answering.Pipeline;
using PakAzBot.Core.Knowledge;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot.Benchmarks;

/// <summary>
/// `stage-profile [paragraphs] [vector cache]`: where an answer's time goes, stage by stage, with semantic search on
/// (the synthetic corpus and vector cache of `semantic-latency`). Retrieval is timed with and without the question's
/// encoding, which it runs beside Lucene's search.
/// </summary>
internal static class StageProfile
{
    public static int Run(int paragraphs, string? cachePath)
    {
        cachePath ??= Path.Combine(Path.GetTempPath(), $"pakazbot-bench-{paragraphs}.vectors");
        var encoder = ArcticXsEncoder.Shared;
        encoder.UseModelFolder(ArcticXsEncoder.ModelFolderFor(cachePath));
        var (folder, questions) = SyntheticCorpus.Write(paragraphs);
        var knowledge = KnowledgeLoader.Load(folder);
        using var lexical = LuceneIndex.BuildInMemory(knowledge);
        var vectors = SemanticIndex.Build(knowledge, encoder, cachePath);
        using var hybrid = lexical.WithSemantic(vectors);
        var answerer = new Answerer(hybrid);
        var texts = questions.Select(q => q.Text).ToArray();
        var stages = new[] { "encode alone", "normalize", "retrieve", "select", "extract", "features", "rank+decide+quote", "whole answer" };
        var ticks = new long[stages.Length];
        var trace = new PakAzBot.Core.Answering.Pipeline.Trace(null);
        var mode = answerer.Model.For(true);
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(ticks);
            foreach (var text in texts)
            {
                var t = Stopwatch.GetTimestamp();
                vectors.EncodeQuery(text);
                ticks[0] += Stopwatch.GetTimestamp() - t;

                t = Stopwatch.GetTimestamp();
                var index = new MemoizedIndex(hybrid);
                var q = NormalizeStage.Run(text, index, trace);
                ticks[1] += Lap(ref t);
                if (q.DateLed || q.TotalWeight <= 0)
                {
                    continue;
                }

                var retrieval = RetrieveStage.Run(q, index, trace);
                ticks[2] += Lap(ref t);
                var spans = SelectSentenceStage.Run(q, retrieval, index, trace);
                ticks[3] += Lap(ref t);
                var extracted = ExtractStage.Run(q, spans, index, trace);
                ticks[4] += Lap(ref t);
                var filled = RankFeatures.Fill(q, extracted, index);
                ticks[5] += Lap(ref t);
                answerer.Conclude(new Deliberation(q, retrieval, filled), mode, trace);
                ticks[6] += Lap(ref t);
                answerer.Ask(text);
                ticks[7] += Lap(ref t);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{texts.Length} questions, {knowledge.Passages.Count:N0} paragraphs, semantic on; mean per question:"));
        for (var i = 0; i < stages.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stages[i],-20} {ticks[i] * 1000.0 / Stopwatch.Frequency / texts.Length,7:0.000} ms"));
        }

        return 0;
    }

    private static long Lap(ref long start)
    {
        var now = Stopwatch.GetTimestamp();
        var lap = now - start;
        start = now;
        return lap;
    }
}
