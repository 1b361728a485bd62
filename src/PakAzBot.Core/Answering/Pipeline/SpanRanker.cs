using System.Globalization;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// How the select and extract stages rank quotable spans: a linear score over named features of the span and its
/// paragraph. The weights were fitted by logistic regression (tests/calibration/fit.py, span mode) on which spans'
/// paragraphs answer the development questions, one set for BM25 alone and one with sentence vectors.
/// </summary>
internal static class SpanRanker
{
    public static readonly string[] Names =
        ["sentence_coverage", "passage_coverage", "fused", "bm25", "sentence_cosine", "passage_cosine", "brevity", "fits_type", "pair", "missing_name", "dates_fit"];

    // Intercept first (it does not change the order; kept so the numbers read as log-odds), then Names order.
    private static readonly double[] Lexical = [-3.0, 2.2, 1.0, 0.6, 0.6, 0, 0, 0.2, 0.4, -0.2, -1.0, 0.5];
    private static readonly double[] Hybrid = [-6.0, 1.6, 0.6, 0.4, 0.4, 3.0, 1.5, 0.2, 0.4, -0.2, -1.0, 0.5];

    public static double[] Features(SpanCandidate span, bool fitsType)
    {
        var p = span.Passage;
        return
        [
            span.Coverage, p.Coverage, p.Fused, p.Bm25, span.Cosine, p.Cosine,
            1 - Math.Min(1, span.Span.WordCount / 60.0), fitsType ? 1 : 0, span.Span.IsPair ? 1 : 0,
            p.MissingName is null ? 0 : 1, p.DatesFit,
        ];
    }

    public static double Score(double[] features, bool semantic)
    {
        var w = semantic ? Hybrid : Lexical;
        var z = w[0];
        for (var i = 0; i < features.Length; i++)
        {
            z += w[i + 1] * (double.IsFinite(features[i]) ? features[i] : 0);
        }

        return z;
    }

    public static string Describe(double[] features) =>
        string.Join('\t', features.Select(f => f.ToString("0.####", CultureInfo.InvariantCulture)));
}
