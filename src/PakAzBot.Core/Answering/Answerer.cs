using PakAzBot.Core.Answering.Pipeline;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>
/// Answers a question with a verbatim sentence of the best passage, or declines. A pipeline of named stages, each
/// in its own file under <c>Pipeline/</c> and each visible in <c>--explain</c>:
/// <see cref="NormalizeStage"/> → <see cref="RetrieveStage"/> (BM25 and sentence vectors) →
/// <see cref="SelectSentenceStage"/> → <see cref="ExtractStage"/> → <see cref="DecideStage"/>; a question that gives
/// only a date goes to <see cref="DateLedStage"/> after normalizing.
/// </summary>
/// <remarks>
/// Confidence is in [0, 1] for every input and reads as the chance the answer is right (see <see cref="DecideStage"/>).
/// The bot declines below <see cref="AbstainBelow"/>, and always when the question names something the sources never
/// mention, when no passage mentions a name it gives together with the rest of it, when no passage speaks of a date it
/// gives, or when every passage has its names the other way round (<see cref="RoleOrder"/>).
/// </remarks>
public sealed class Answerer(IPassageIndex index, Action<string>? explain = null)
{
    public const double AbstainBelow = DecideStage.AnswerFrom;
    private const int MaxRelated = 2;

    /// <summary>The longest question answered; longer ones are cut by <see cref="Text.QuestionNormalizer"/> and refused by the web API.</summary>
    public const int MaxQuestionLength = 500;

    public IPassageIndex Index { get; } = index;

    /// <summary>The confidence from which answers are given; evaluation lowers it to see every would-be answer.</summary>
    internal double AnswerFrom { get; init; } = AbstainBelow;

    /// <summary>The answer, with a confidence that is finite and in [0, 1] whichever stage gave it.</summary>
    public Answer Ask(string question)
    {
        var answer = AskAnyStage(question);
        return double.IsFinite(answer.Confidence) && answer.Confidence is >= 0 and <= 1
            ? answer
            : answer with { Confidence = double.IsFinite(answer.Confidence) ? Math.Clamp(answer.Confidence, 0, 1) : 0 };
    }

    private Answer AskAnyStage(string question)
    {
        var trace = new Trace(explain);
        var index = new MemoizedIndex(Index);
        var q = NormalizeStage.Run(question ?? "", index, trace);
        if (q.Unknown.Count > 0)
        {
            trace.Write("decide", $"the sources never mention {string.Join(", ", q.Unknown)}: decline");
            return Decline(q, AbstentionReason.UnknownSubject, 0, [], q.Unknown);
        }

        if (q.DateLed)
        {
            return DateLedStage.Run(q, index, trace, (qq, reason, c) => Decline(qq, reason, c, []));
        }

        if (q.TotalWeight <= 0)
        {
            trace.Write("decide", "no word to look for: decline");
            return Decline(q, AbstentionReason.NoQuestion, 0, []);
        }

        var retrieval = RetrieveStage.Run(q, index, trace);
        var spans = SelectSentenceStage.Run(q, retrieval, index, trace);
        var answers = ExtractStage.Run(q, spans, index, retrieval.QueryVector is not null, trace);
        var (best, confidence, evidence) = DecideStage.Run(q, answers, retrieval.QueryVector is not null, index, trace);
        if (best is null || confidence < AnswerFrom)
        {
            return Decline(q, AbstentionReason.LowConfidence, confidence, retrieval.Candidates, evidence: evidence);
        }

        var cited = best.Span.Passage.Passage;
        var related = retrieval.Candidates
            .Where(c => c.Passage != cited && c.Eligible && c.Coverage >= 0.5)
            .OrderByDescending(c => c.Fused)
            .Take(MaxRelated)
            .Select(c => Cite(c.Passage))
            .ToList();
        return new Answer
        {
            Question = q.Text,
            Type = q.Type,
            Text = best.Span.Span.Text,
            Short = best.Extraction.Short,
            Date = best.Extraction.Date,
            Confidence = confidence,
            Citations = [Cite(cited)],
            Related = related,
            Evidence = evidence?.Values ?? [],
        };
    }

    private Citation Cite(Passage passage) => new(Index.Knowledge.DocumentOf(passage), passage);

    private Answer Decline(Question question, AbstentionReason reason, double confidence, IReadOnlyList<PassageCandidate> near,
        IReadOnlyList<string>? unknown = null, Evidence? evidence = null)
    {
        // Closest topics first: the sections of the nearest passages, then the rest of what the sources cover.
        var topics = near.Select(c => c.Passage.Section).OfType<string>()
            .Concat(Index.Knowledge.Topics())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Answer
        {
            Question = question.Text,
            Type = question.Type,
            Reason = reason,
            Confidence = double.IsFinite(confidence) ? Math.Round(Math.Clamp(confidence, 0, 1), 3) : 0,
            Topics = topics,
            UnknownWords = unknown ?? [],
            Evidence = evidence?.Values ?? [],
        };
    }
}
