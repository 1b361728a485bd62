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

    // A leading 0 (a listwise fit has no intercept: only differences between one question's spans matter), then
    // Names order. BM25 alone was refitted on dev and dev2 once paragraphs took words from the ones before them
    // (held-out files: heldout3 93% → 95%, none lower). The same refit with vectors ranked dev2 better but lifted a
    // wrong answer to 0.92, so the hybrid weights stay those of the earlier fit, where a missing name's fitted weight
    // came out slightly positive, which no reading supports: it is held at 0 there.
    private static readonly double[] Lexical = [0, 2.68, 5.32, 1.70, 1.70, 0, 0, 1.27, 1.83, 0.28, -0.44, 4.43];
    private static readonly double[] Hybrid = [0, 0.85, 4.66, 3.36, 0.46, 1.67, 7.47, 0.55, 0.03, -0.79, 0, 4.30];

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

    public static double Score(double[] features, bool semantic) => Linear.Score(semantic ? Hybrid : Lexical, features);

    public static string Describe(double[] features) =>
        string.Join('\t', features.Select(f => f.ToString("0.####", CultureInfo.InvariantCulture)));
}
