using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Timeline;

namespace PakAzBot.Core.Serving;

/// <summary>The index is not live yet: the first build has not finished (or failed).</summary>
public sealed class IndexNotReadyException() : Exception("The index is not ready yet; try again in a moment.");

/// <summary>
/// What every surface calls: answers on the live index, with one log line and one measurement per question.
/// </summary>
public sealed partial class AnswerService(ILiveIndex live, BotMetrics metrics, ILogger<AnswerService> logger, bool logQuestions = false)
{
    public Answer Ask(string question, string surface, Language? hint = null) => Ask(question, surface, hint, answer => answer);

    public T Ask<T>(string question, string surface, Func<Answer, T> render) => Ask(question, surface, null, render);

    /// <summary>
    /// Answers and renders in one measured step: a question counts as answered or abstained only once the surface
    /// has its reply, so a failure while rendering counts as an error, as a failure while answering does.
    /// <paramref name="hint"/> is the client's language (its locale), which decides the reply's language only for a
    /// question too short to tell.
    /// </summary>
    public T Ask<T>(string question, string surface, Language? hint, Func<Answer, T> render)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Answer answer;
            using (var lease = live.Acquire() ?? throw new IndexNotReadyException())
            {
                answer = new Answerer(lease.Index).Ask(question, hint);
            }

            var reply = render(answer);
            var outcome = answer.Answered ? "answered" : "abstained";
            metrics.Question(surface, outcome, clock.Elapsed);
            Log(surface, outcome, clock.Elapsed, answer.Confidence, answer.Question);
            return reply;
        }
        catch (Exception e)
        {
            metrics.Question(surface, "error", clock.Elapsed);
            LogFailure(e, surface, clock.Elapsed.TotalMilliseconds);
            throw;
        }
    }

    /// <summary>
    /// The answer the passage a user picked from the suggestions gives to the question, rendered in the same measured
    /// step as <see cref="Ask{T}"/>; null (and nothing rendered) when the sources have no such passage (any more).
    /// Counted in <c>pakazbot.picks</c> as picked, missing or error, and logged as a question is, with that outcome.
    /// </summary>
    public T? Pick<T>(string question, string passageId, string surface, Func<Answer, T> render)
        where T : class => Pick(question, passageId, surface, null, render);

    /// <summary>A pick, as above, with the client's language as the tie-breaker for a question too short to tell.</summary>
    public T? Pick<T>(string question, string passageId, string surface, Language? hint, Func<Answer, T> render)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Answer? answer;
            using (var lease = live.Acquire() ?? throw new IndexNotReadyException())
            {
                answer = new Answerer(lease.Index).Pick(question, passageId, hint);
            }

            var reply = answer is null ? null : render(answer);
            var outcome = answer is null ? "missing" : "picked";
            metrics.Pick(surface, outcome, clock.Elapsed);
            Log(surface, outcome, clock.Elapsed, answer?.Confidence ?? 0, question);
            return reply;
        }
        catch (Exception e)
        {
            metrics.Pick(surface, "error", clock.Elapsed);
            LogFailure(e, surface, clock.Elapsed.TotalMilliseconds);
            throw;
        }
    }

    /// <summary>
    /// The language of a question, as <see cref="Answerer.Ask"/> would tell it: for replies that answer nothing (a
    /// "none of these", a vote), so they speak the question's language too.
    /// </summary>
    public Language LanguageOf(string? question, Language? hint = null)
    {
        using var lease = live.Acquire();
        var detected = lease is null || string.IsNullOrWhiteSpace(question)
            ? null
            : LanguageDetector.Detect(Text.QuestionNormalizer.Normalize(question), lease.Generation.Knowledge);
        return detected ?? hint ?? Language.English;
    }

    /// <summary>Counts and logs a "none of these" (which answers nothing, so takes no time worth measuring).</summary>
    public void NoneOfThese(string surface, string question)
    {
        metrics.Pick(surface, "none", TimeSpan.Zero);
        Log(surface, "none", TimeSpan.Zero, 0, question);
    }

    /// <summary>The one line per question (or pick): the question's text only with Logging:IncludeQuestions.</summary>
    private void Log(string surface, string outcome, TimeSpan elapsed, double confidence, string question)
    {
        if (logQuestions)
        {
            LogQuestionText(surface, outcome, elapsed.TotalMilliseconds, confidence, question);
        }
        else
        {
            LogQuestion(surface, outcome, elapsed.TotalMilliseconds, confidence);
        }
    }

    public IReadOnlyList<TimelineEntry> Timeline(TimelineFilter filter)
    {
        using var lease = live.Acquire() ?? throw new IndexNotReadyException();
        return TimelineBuilder.Build(lease.Index, filter);
    }

    public Knowledge.KnowledgeBase Knowledge()
    {
        using var lease = live.Acquire() ?? throw new IndexNotReadyException();
        return lease.Generation.Knowledge;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Question on {Surface}: {Outcome} in {LatencyMs:0.0} ms, confidence {Confidence}")]
    private partial void LogQuestion(string surface, string outcome, double latencyMs, double confidence);

    // Only with Logging:IncludeQuestions: questions can carry personal data.
    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Question on {Surface}: {Outcome} in {LatencyMs:0.0} ms, confidence {Confidence}: {Question}")]
    private partial void LogQuestionText(string surface, string outcome, double latencyMs, double confidence, string question);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Question on {Surface} failed after {LatencyMs:0.0} ms")]
    private partial void LogFailure(Exception exception, string surface, double latencyMs);
}
