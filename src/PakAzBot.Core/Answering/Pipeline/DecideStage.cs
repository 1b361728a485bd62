using System.Globalization;

namespace PakAzBot.Core.Answering.Pipeline;

/// <summary>The named features the decision rests on, for <c>--explain</c>, for <c>eval --features</c> and for training.</summary>
internal sealed record Evidence(
    double Probability,
    double Margin,
    double SentenceCoverage,
    double PassageCoverage,
    double SentenceCosine,
    double PassageCosine,
    double Together,
    double LacksType,
    double UnknownShare,
    double MissingKey,
    double MissingName,
    double Role,
    double YesNo,
    double KnownTerms,
    double SpanNames,
    double SpanMissingKey,
    double Numbers,
    double ShortNear,
    double Title,
    double NumbersMissing,
    double OrdinalClash,
    double SpanDatesFit,
    double SentenceCoverageKnown,
    double PassageCoverageKnown,
    double NameSwap,
    double Bm25Top,
    double DenseTop,
    double RivalCoverage,
    double RivalFits,
    double RivalOtherDocument,
    double CloseDocuments,
    double FocusMissing,
    double Agreement)
{
    public static readonly string[] Names =
    [
        "prob", "margin", "s_cov", "p_cov", "s_cos", "p_cos", "s_together", "lacks_type", "unknown_share", "missing_key",
        "missing_name", "role", "yes_no", "known_terms", "s_names", "s_missing_key", "s_numbers", "s_short_near", "p_title",
        "s_numbers_missing", "s_ordinal_clash", "s_dates_fit", "s_cov_known", "p_cov_known", "s_name_swap",
        "bm25_top", "dense_top", "rival_cov", "rival_fits", "rival_other_doc", "close_docs", "focus_missing", "agreement",
    ];

    public double[] Values => [Probability, Margin, SentenceCoverage, PassageCoverage, SentenceCosine, PassageCosine, Together, LacksType,
        UnknownShare, MissingKey, MissingName, Role, YesNo, KnownTerms, SpanNames, SpanMissingKey, Numbers, ShortNear, Title, NumbersMissing, OrdinalClash, SpanDatesFit, SentenceCoverageKnown, PassageCoverageKnown, NameSwap,
        Bm25Top, DenseTop, RivalCoverage, RivalFits, RivalOtherDocument, CloseDocuments, FocusMissing, Agreement];

    public override string ToString() =>
        string.Join(' ', Names.Zip(Values, (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n}={v:0.000}")));

    /// <summary>The evidence for answering with <paramref name="best"/>, the first of <paramref name="ranking"/>'s paragraphs.</summary>
    public static Evidence For(Question question, Ranking ranking)
    {
        var best = ranking.Paragraphs[0];
        var rival = ranking.Paragraphs.Count > 1 ? ranking.Paragraphs[1] : null;
        var second = rival?.Score ?? best.Score - 5;
        var (span, passage) = (best.Best.Span, best.Best.Span.Passage);
        var unknown = question.TotalWeight <= 0 ? 0 : question.Weights.Where(w => !w.Key.Known).Sum(w => w.Value) / question.TotalWeight;
        var known = question.Weights.Count(w => w.Key.Known && w.Value > 0);
        return new Evidence(
            RankFeatures.Unit(best.Probability),
            Math.Clamp(best.Score - second, 0, 5) / 5,
            RankFeatures.Unit(span.Coverage),
            RankFeatures.Unit(passage.Coverage),
            RankFeatures.Unit(span.Cosine),
            RankFeatures.Unit(passage.Cosine),
            RankFeatures.Unit(span.Together),
            question.AsksForAThing && !best.Best.Extraction.FitsType ? 1 : 0,
            RankFeatures.Unit(unknown),
            RankFeatures.Unit(Math.Max(passage.MissingKey, 0)),
            passage.MissingName is null ? 0 : 1,
            span.Role is null ? 0 : 1,
            question.Type == QuestionType.YesNo ? 1 : 0,
            Math.Min(1, known / 6.0),
            Feature(best.Best, "s_names"),
            Feature(best.Best, "s_missing_key"),
            Feature(best.Best, "s_numbers"),
            Feature(best.Best, "s_short_near"),
            Feature(best.Best, "p_title"),
            Feature(best.Best, "s_numbers_missing"),
            Feature(best.Best, "s_ordinal_clash"),
            Feature(best.Best, "s_dates_fit"),
            Known(span.Coverage, unknown),
            Known(passage.Coverage, unknown),
            Feature(best.Best, "s_name_swap"),
            passage.Bm25Rank == 1 ? 1 : 0,
            passage.DenseRank == 1 ? 1 : 0,
            rival is null ? 0 : RankFeatures.Unit(rival.Best.Span.Coverage),
            rival is null ? 0 : rival.Best.Extraction.FitsType && question.AsksForAThing ? 1 : 0,
            rival is null ? 0 : rival.Passage.DocumentId != best.Passage.DocumentId ? 1 : 0,
            Math.Min(1, (ranking.Paragraphs.Where(p => p.Best.Span.Coverage >= 0.8 * span.Coverage).Select(p => p.Passage.DocumentId).Distinct().Count() - 1) / 3.0),
            question.Focus is not null && span.Focus == 0 ? 1 : 0,
            RankFeatures.Unit(ranking.Paragraphs.Where(p => p == best || Agrees(best.Best.Extraction, p.Best.Extraction)).Sum(p => p.Probability)));
    }

    /// <summary>
    /// Two candidates give the same short answer: the same date (to the coarser one's precision), or the same words.
    /// When the candidates the ranker hesitates between agree, the answer stands whichever is quoted.
    /// </summary>
    private static bool Agrees(Extraction a, Extraction b)
    {
        if (a.Short is null || b.Short is null)
        {
            return false;
        }

        if (a.Date is { } x && b.Date is { } y && string.Equals(a.Short, x.Date.Label, StringComparison.Ordinal) && string.Equals(b.Short, y.Date.Label, StringComparison.Ordinal))
        {
            var (coarse, fine) = x.Date.Precision >= y.Date.Precision ? (x.Date, y.Date) : (y.Date, x.Date);
            return coarse.Contains(fine);
        }

        return string.Equals(Normalize(a.Short), Normalize(b.Short), StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.Equals("about", StringComparison.OrdinalIgnoreCase)));

    // A share of the question's weight as a share of the weight of its words the sources know.
    private static double Known(double coverage, double unknownShare) => unknownShare >= 1 ? 0 : RankFeatures.Unit(coverage / (1 - unknownShare));

    private static double Feature(AnswerCandidate candidate, string name)
    {
        var at = Array.IndexOf(RankFeatures.Names, name);
        return at >= 0 && at < candidate.Features.Length ? RankFeatures.Unit(candidate.Features[at]) : 0;
    }
}

/// <summary>What the decide stage made of the ranking: the outcome, its confidence, and why it did not assert, if it did not.</summary>
/// <param name="Hold">Why an answer that scored high enough is still not asserted (a near miss), or null.</param>
internal sealed record Decision(AnswerOutcome Outcome, RankedParagraph? Best, double Confidence, Evidence? Evidence, string? Hold);

/// <summary>
/// Stage 6: answers, offers the closest passages, or declines. Confidence is a logistic function of named features
/// (<see cref="Evidence"/>), fitted on the training questions by <c>pakazbot train</c> with cross-validation, so it
/// reads as the chance the answer is right. The answer is asserted from the model's <c>answerFrom</c>, and never
/// when the best span is a near miss: the question names something the sources never mention, or a name its passage
/// never says, or the span has the question's names the other way round, or a question that needs a date, a place,
/// a name or a figure gets a span without one. Below that, the closest paragraphs are offered when the best one
/// holds at least <c>suggestFrom</c> of the question's words; otherwise the bot declines. Confidence is finite and in
/// [0, 1] for every input.
/// </summary>
internal static class DecideStage
{
    /// <summary>The confidence from which an answer reads as sure.</summary>
    public const double Sure = 0.9;

    public static Decision Run(Question question, Ranking ranking, ModeModel model, Trace trace)
    {
        if (ranking.Paragraphs.Count == 0)
        {
            trace.Write("decide", "no candidate left: decline");
            return new Decision(AnswerOutcome.Declined, null, 0, null, null);
        }

        var best = ranking.Paragraphs[0];
        var evidence = Evidence.For(question, ranking);
        var confidence = Math.Round(Logistic(model.Decide, evidence.Values), 3);
        if (confidence >= Sure && !best.Best.Span.EveryNameAsWritten)
        {
            // 0.9 and above says more than the model's odds: that the quoted sentence itself names everything the
            // question names ("Imran Khan" and "Baku", not "Imran Khan" in Davos).
            confidence = Sure - 0.001;
        }

        var hold = Hold(question, best, evidence);
        var closeness = ranking.Paragraphs.Max(p => p.Best.Span.Passage.Coverage);
        var outcome = confidence >= model.AnswerFrom && hold is null ? AnswerOutcome.Answered
            : closeness >= model.SuggestFrom ? AnswerOutcome.Suggested
            : AnswerOutcome.Declined;
        if (outcome != AnswerOutcome.Answered)
        {
            // What is not asserted never shows a confidence at which answers are asserted.
            confidence = Math.Min(confidence, Math.Round(model.AnswerFrom - 0.001, 3));
        }

        trace.Write("decide", () => string.Create(CultureInfo.InvariantCulture,
            $"{evidence} → confidence {confidence:0.000}{(hold is null ? "" : $", held: {hold}")}; closest coverage {closeness:0.00} → {outcome.ToString().ToLowerInvariant()}"));
        return new Decision(outcome, best, confidence, evidence, hold);
    }

    /// <summary>Why the best span, however well it scored, is a near miss that must not be asserted; null when it is not.</summary>
    public static string? Hold(Question question, RankedParagraph best, Evidence evidence)
    {
        if (question.Unknown.Count > 0)
        {
            return $"the sources never mention {string.Join(", ", question.Unknown)}";
        }

        if (best.Best.Span.Passage.MissingName is { } name)
        {
            return $"the passage never says '{name}'";
        }

        if (best.Best.Span.Role is { } role)
        {
            return role;
        }

        // Another document holds a passage that says nearly as much of the question: the sources may differ, so the
        // reader sees both rather than the one that ranked first.
        if (evidence.CloseDocuments > 0)
        {
            return "another source has a passage that matches the question nearly as well";
        }

        // "Who is the president of the chess federation?" against a sentence about the federation that names no president.
        // A figure answers "what was the value of …" whatever word the sentence uses for it.
        if (evidence.FocusMissing > 0 && !(question.Type == QuestionType.HowMany && best.Best.Extraction.FitsType))
        {
            return $"the quote does not say '{question.Focus?.Head}'";
        }

        // "When did X host the first meeting?" against "the second meeting … hosted by X": another event. (A yes/no or a
        // which question may be answered by the other ordinal: "Was Pakistan the first?" — "the second, following Turkey".)
        if (evidence.OrdinalClash > 0 && question.Type is QuestionType.When or QuestionType.Where or QuestionType.HowMany)
        {
            return "the quote speaks of another in the series (first, second, …) than the question";
        }

        return evidence.LacksType > 0 && question.NothingElseWillDo ? $"the quote holds no answer to a {question.Type} question" : null;
    }

    public static double Logistic(double[] weights, IReadOnlyList<double> features)
    {
        var p = 1 / (1 + Math.Exp(-Linear.Score(weights, features)));
        return double.IsFinite(p) ? Math.Clamp(p, 0, 1) : 0;
    }
}
