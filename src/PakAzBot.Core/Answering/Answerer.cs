using PakAzBot.Core.Answering.Pipeline;
using PakAzBot.Core.Knowledge;

namespace PakAzBot.Core.Answering;

/// <summary>What the stages before ranking made of a question: every candidate span with its features, unscored.</summary>
internal sealed record Deliberation(Question Question, Retrieval Retrieval, IReadOnlyList<AnswerCandidate> Candidates)
{
    public bool Semantic => Retrieval.QueryVector is not null;
}

/// <summary>
/// Answers a question with a verbatim sentence of the best passage, offers the closest passages when it is not sure,
/// or declines when nothing is close. A pipeline of named stages, each in its own file under <c>Pipeline/</c> and each
/// visible in <c>--explain</c>: <see cref="NormalizeStage"/> → <see cref="RetrieveStage"/> (BM25 and vectors) →
/// <see cref="SelectSentenceStage"/> → <see cref="ExtractStage"/> → <see cref="RankStage"/> (learned) →
/// <see cref="DecideStage"/> (learned); a question that gives only a date goes to <see cref="DateLedStage"/>.
/// </summary>
/// <remarks>
/// Confidence is in [0, 1] for every input and reads as the chance the answer is right. The learned weights come from
/// an <see cref="AnswerModel"/> (the shipped one unless another is given).
/// </remarks>
public sealed class Answerer(IPassageIndex index, Action<string>? explain = null, AnswerModel? model = null)
{
    private const int MaxRelated = 2;

    /// <summary>The most passages offered when the bot is not sure.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>The longest question answered; longer ones are cut by <see cref="Text.QuestionNormalizer"/> and refused by the web API.</summary>
    public const int MaxQuestionLength = 500;

    public IPassageIndex Index { get; } = index;

    public AnswerModel Model { get; } = model ?? AnswerModel.Default;

    /// <summary>The confidence from which answers are asserted, in the mode this index answers in.</summary>
    public double AnswerFrom => Model.For(Index.Semantic is not null).AnswerFrom;

    /// <summary>The answer, with a confidence that is finite and in [0, 1] whichever stage gave it.</summary>
    /// <param name="hint">The language the client is set to (Discord's or Teams' locale), which decides the reply's
    /// language only for a question too short to tell ("1992?"); the question's own words decide otherwise.</param>
    public Answer Ask(string question, Languages.Language? hint = null)
    {
        var answer = Finite(AskAnyStage(question ?? "", out var language));
        return answer with { Language = language ?? hint ?? Languages.Language.English };
    }

    /// <summary>
    /// The answer the passage <paramref name="passageId"/> gives to <paramref name="question"/>: what a user who picked
    /// it from the suggestions sees (its closest sentence, short answer and date, with <see cref="Answer.Picked"/> set).
    /// Null when the sources have no such passage.
    /// </summary>
    public Answer? Pick(string question, string passageId, Languages.Language? hint = null)
    {
        if (!Index.Knowledge.TryGetPassage(passageId ?? "", out var passage))
        {
            return null;
        }

        var trace = new Trace(explain);
        var memo = new MemoizedIndex(Index);
        var q = NormalizeStage.Run(question ?? "", memo, trace);
        var language = q.Language ?? hint ?? Languages.Language.English;
        var deliberation = Deliberate(q, memo, trace, passage);
        var ranking = RankStage.Run(q, deliberation.Candidates.Where(c => c.Passage == passage).ToList(), Model.For(deliberation.Semantic).Rank, trace);
        if (ranking.Paragraphs.Count == 0)
        {
            // Nothing of it can be quoted as a span (no sentence): quote the paragraph whole.
            return Finite(new Answer
            {
                Question = q.Asked, Type = q.Type, Text = passage.Text, Confidence = 0, Picked = true, Language = language,
                Citations = [Cite(passage)],
            });
        }

        var best = ranking.Paragraphs[0].Best;
        var confidence = DecideStage.Logistic(Model.For(deliberation.Semantic).Decide, Evidence.For(q, ranking).Values);
        trace.Write("pick", $"{passage.Id}: \"{SelectSentenceStage.Clip(best.Span.Span.Text)}\"");
        return Finite(new Answer
        {
            Question = q.Asked,
            Type = q.Type,
            Text = best.Span.Span.Text,
            Short = best.Extraction.Short,
            Date = best.Extraction.Date,
            Confidence = Math.Round(confidence, 3),
            Citations = [Cite(passage)],
            Picked = true,
            Language = language,
        });
    }

    private static Answer Finite(Answer answer) =>
        double.IsFinite(answer.Confidence) && answer.Confidence is >= 0 and <= 1
            ? answer
            : answer with { Confidence = double.IsFinite(answer.Confidence) ? Math.Clamp(answer.Confidence, 0, 1) : 0 };

    private Answer AskAnyStage(string question, out Languages.Language? language)
    {
        var trace = new Trace(explain);
        var index = new MemoizedIndex(Index);
        var q = NormalizeStage.Run(question, index, trace);
        language = q.Language;
        if (q.DateLed && q.Unknown.Count == 0)
        {
            return DateLedStage.Run(q, index, trace, (qq, reason, c) => Decline(qq, reason, c, []));
        }

        if (q.TotalWeight <= 0)
        {
            trace.Write("decide", "no word to look for: decline");
            return Decline(q, AbstentionReason.NoQuestion, 0, []);
        }

        return Conclude(Deliberate(q, index, trace), Model.For(Index.Semantic is not null), trace);
    }

    /// <summary>Rank and decide: the answer, the closest passages, or a decline, by the weights of <paramref name="mode"/>.</summary>
    internal Answer Conclude(Deliberation deliberation, ModeModel mode, Trace trace)
    {
        var q = deliberation.Question;
        var ranking = RankStage.Run(q, deliberation.Candidates, mode.Rank, trace);
        var decision = DecideStage.Run(q, ranking, mode, trace);
        var reason = q.Unknown.Count > 0 ? AbstentionReason.UnknownSubject : AbstentionReason.LowConfidence;
        if (decision.Outcome == AnswerOutcome.Declined)
        {
            return Decline(q, reason, decision.Confidence, deliberation.Retrieval.Candidates, decision.Evidence);
        }

        // Answered, held, or unsure because two documents share the belief: each document may answer on its own.
        if (decision.Outcome == AnswerOutcome.Answered || decision.Hold is not null
            || (ranking.Paragraphs.Count > 1 && ranking.Paragraphs[0].Passage.DocumentId != ranking.Paragraphs[1].Passage.DocumentId))
        {
            // Several documents close: each that answers on its own is compared with the others.
            if (ConflictStage.Run(q, ranking, mode, Index.Knowledge, trace) is { } concord)
            {
                return Concorded(q, ranking, decision, concord);
            }
        }

        if (decision.Outcome != AnswerOutcome.Answered)
        {
            return Decline(q, reason, decision.Confidence, deliberation.Retrieval.Candidates, decision.Evidence) with
            {
                Suggestions = Suggest(ranking, mode),
            };
        }

        var best = decision.Best!.Best;
        return Quoted(q, best, decision.Confidence, [Cite(best.Passage)], [], ranking, decision.Evidence);
    }

    /// <summary>An answer quoting <paramref name="best"/>, with the ranking's other close paragraphs as related passages.</summary>
    private Answer Quoted(Question q, AnswerCandidate best, double confidence, IReadOnlyList<Citation> citations, IReadOnlyList<Conflict> conflicts,
        Ranking ranking, Evidence? evidence)
    {
        var shown = citations.Select(c => c.Passage).Concat(conflicts.Select(c => c.Citation.Passage)).ToHashSet();
        return new Answer
        {
            Question = q.Asked,
            Type = q.Type,
            Text = best.Span.Span.Text,
            Short = best.Extraction.Short,
            Date = best.Extraction.Date,
            Confidence = confidence,
            Citations = citations,
            Conflicts = conflicts,
            Related = ranking.Paragraphs.Where(p => !shown.Contains(p.Passage) && p.Best.Span.Passage.Coverage >= 0.5).Take(MaxRelated).Select(p => Cite(p.Passage)).ToList(),
            Evidence = evidence?.Values ?? [],
        };
    }

    private IReadOnlyList<Suggestion> Suggest(Ranking ranking, ModeModel mode) => ranking.Paragraphs
        .Where((p, i) => i == 0 || p.Best.Span.Passage.Coverage >= mode.SuggestFrom)
        .Take(MaxSuggestions)
        .Select(p => new Suggestion(Cite(p.Passage), p.Best.Span.Span.Text, p.Best.Extraction.Date))
        .ToList();

    /// <summary>The answer of the documents that answer on their own: the first (or a finer agreeing one) quoted, those
    /// that agree cited after it, those that differ shown as conflicts.</summary>
    private Answer Concorded(Question q, Ranking ranking, Decision decision, Concord concord)
    {
        var best = concord.Primary.Paragraph.Best;
        var confidence = concord.Primary.Confidence >= DecideStage.Sure && !best.Span.EveryNameAsWritten ? DecideStage.Sure - 0.001 : concord.Primary.Confidence;
        return Quoted(q, best, confidence,
            [Cite(best.Passage), .. concord.Agreeing.Select(a => Cite(a.Paragraph.Passage))],
            concord.Differing.Select(a => new Conflict(a.Paragraph.Best.Extraction.Short, a.Paragraph.Best.Extraction.Date, a.Paragraph.Best.Span.Span.Text, Cite(a.Paragraph.Passage))).ToList(),
            ranking, decision.Evidence);
    }

    /// <summary>Normalize has run: retrieve, select and extract, and give every candidate span its features.</summary>
    internal Deliberation Deliberate(Question q, IPassageIndex index, Trace trace, Passage? include = null)
    {
        var retrieval = RetrieveStage.Run(q, index, trace, include);
        var spans = SelectSentenceStage.Run(q, retrieval, index, trace);
        var extracted = ExtractStage.Run(q, spans, index, trace);
        return new Deliberation(q, retrieval, RankFeatures.Fill(q, extracted, index));
    }

    /// <summary>For training: the question through normalize, and its deliberation (null when it is date-led or has no words).</summary>
    internal Deliberation? Deliberate(string question)
    {
        var trace = new Trace(explain);
        var index = new MemoizedIndex(Index);
        var q = NormalizeStage.Run(question, index, trace);
        return (q.DateLed && q.Unknown.Count == 0) || q.TotalWeight <= 0 ? null : Deliberate(q, index, trace);
    }

    private Citation Cite(Passage passage) => new(Index.Knowledge.DocumentOf(passage), passage);

    private Answer Decline(Question question, AbstentionReason reason, double confidence, IReadOnlyList<PassageCandidate> near, Evidence? evidence = null)
    {
        // Closest topics first: the sections of the nearest passages, then the rest of what the sources cover.
        var topics = near.Select(c => c.Passage.Section).OfType<string>()
            .Concat(Index.Knowledge.Topics())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Answer
        {
            Question = question.Asked,
            Type = question.Type,
            Reason = reason,
            Confidence = double.IsFinite(confidence) ? Math.Round(Math.Clamp(confidence, 0, 1), 3) : 0,
            Topics = topics,
            UnknownWords = question.Unknown,
            Evidence = evidence?.Values ?? [],
        };
    }
}
