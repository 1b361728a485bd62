namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>
/// The named features the rank stage weighs for each span: what retrieval said of its paragraph, and what the span
/// itself holds of the question. Each is bounded (most in [0, 1]) and means the same in every question, so weights
/// learned on some questions and documents carry to others. <c>--explain</c> prints them for the best spans.
/// </summary>
internal static partial class RankFeatures
{
    public static readonly string[] Names =
    [
        // The paragraph, as retrieval found it.
        "p_bm25", "p_bm25_rr", "p_cos", "p_cos_gap", "p_dense_rr", "p_cov", "p_missing_name", "p_dates_fit", "p_missing_key",
        "p_title", "p_newest", "p_newest_now",

        // The span.
        "s_cov", "s_cov_gap", "s_cos", "s_cos_gap", "s_fits", "s_lacks", "s_pair", "s_brevity", "s_together", "s_window",
        "s_focus", "s_names", "s_role", "s_missing_key", "s_numbers", "s_short_near",
        "s_numbers_missing", "s_ordinal_clash", "s_dates_fit", "s_name_swap",
    ];

    /// <summary>Each answer's feature values, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<AnswerCandidate> Fill(Question question, IReadOnlyList<AnswerCandidate> answers, IPassageIndex index)
    {
        if (answers.Count == 0)
        {
            return answers;
        }

        var knowledge = index.Knowledge;
        var maxPassageCosine = answers.Max(a => a.Span.Passage.Cosine);
        var maxSpanCosine = answers.Max(a => a.Span.Cosine);
        var maxCoverage = answers.Max(a => a.Span.Coverage);
        var newest = answers.Max(a => knowledge.DocumentOf(a.Passage).Published);
        var asksNow = AsksForNow(question.Text);
        var titles = new Dictionary<string, double>(StringComparer.Ordinal);
        double Title(Knowledge.SourceDocument d)
        {
            if (!titles.TryGetValue(d.Id, out var share))
            {
                titles[d.Id] = share = question.Coverage(index.TermsOf(d.Title));
            }

            return share;
        }

        return answers.Select(a =>
        {
            var document = knowledge.DocumentOf(a.Passage);
            var isNewest = document.Published == newest ? 1 : 0;
            return a with { Features = Of(question, a, index, maxPassageCosine, maxSpanCosine, maxCoverage, Title(document), isNewest, asksNow ? isNewest : 0) };
        }).ToList();
    }

    // "now", "currently", "latest": the question wants the newest source's word.
    private static bool AsksForNow(string question) =>
        Now().IsMatch(question);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:now|nowadays|currently|current|latest|today|these days|at present|presently|still|so far|to date|recent|recently)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Now();

    private static double[] Of(Question question, AnswerCandidate a, IPassageIndex index, double maxPassageCosine, double maxSpanCosine, double maxCoverage,
        double title, double newest, double newestNow)
    {
        var (s, p) = (a.Span, a.Span.Passage);
        var fits = a.Extraction.FitsType;
        return
        [
            Unit(p.Bm25), p.Bm25Rank > 0 ? 1.0 / p.Bm25Rank : 0, Unit(p.Cosine), Gap(p.Cosine, maxPassageCosine),
            p.DenseRank > 0 ? 1.0 / p.DenseRank : 0, Unit(p.Coverage), p.MissingName is null ? 0 : 1, Unit(p.DatesFit), Unit(p.MissingKey),
            Unit(title), newest, newestNow,

            Unit(s.Coverage), Gap(s.Coverage, maxCoverage), Unit(s.Cosine), Gap(s.Cosine, maxSpanCosine),
            fits && question.AsksForAThing ? 1 : 0, !fits && question.NothingElseWillDo ? 1 : 0, s.Span.IsPair ? 1 : 0,
            1 - Math.Min(1, s.Span.WordCount / 60.0), Unit(s.Together), Unit(s.Window),
            s.Focus, Unit(s.Names), s.Role is null ? 0 : 1, Unit(s.MissingKey), Unit(s.Numbers), ShortNear(question, a, index),
            Unit(s.NumbersMissing), s.OrdinalClash, Unit(s.DatesFit), s.NameSwap,
        ];
    }

    /// <summary>
    /// How much of the question stands right around the short answer (the weighted share of its words within
    /// <see cref="NearChars"/> characters either side): "USD 120 million" right after "cost", not a figure elsewhere
    /// in the sentence. 0 when the span gives no short answer.
    /// </summary>
    private static double ShortNear(Question question, AnswerCandidate a, IPassageIndex index)
    {
        var text = a.Span.Span.Text;
        int at, length;
        if (question.Type == QuestionType.When && a.Extraction.Date is { Length: > 0 } date && date.Start >= 0 && date.Start + date.Length <= text.Length)
        {
            // A date's short answer is its normalized form ("12 December 1991"); the text has it as written.
            (at, length) = (date.Start, date.Length);
        }
        else if (a.Extraction.Short is { Length: > 0 } shortAnswer && text.IndexOf(shortAnswer, StringComparison.Ordinal) is var found && found >= 0)
        {
            (at, length) = (found, shortAnswer.Length);
        }
        else
        {
            return 0;
        }

        var from = Math.Max(0, at - NearChars);
        var to = Math.Min(text.Length, at + length + NearChars);
        return Unit(question.Coverage(index.TermsOf(text[from..to])));
    }

    private const int NearChars = 60;

    // How far below the best of the question's candidates, in [-1, 0].
    private static double Gap(double value, double best) => Math.Clamp(Unit(value) - Unit(best), -1, 0);

    // NaN (0/0 somewhere upstream) counts as no evidence at all.
    public static double Unit(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
}
