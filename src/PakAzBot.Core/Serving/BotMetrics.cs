using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PakAzBot.Core.Serving;

/// <summary>
/// The bot's measurements, as .NET metrics: any exporter can read them (the host exposes them to Prometheus,
/// where "pakazbot.questions" becomes <c>pakazbot_questions_total</c>).
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "PakAzBot";

    private readonly Counter<long> _questions;
    private readonly Histogram<double> _answerDuration;
    private readonly Counter<long> _picks;
    private readonly Counter<long> _reindexes;
    private readonly Counter<long> _reindexFailures;
    private readonly Histogram<double> _reindexDuration;

    public BotMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _questions = Meter.CreateCounter<long>("pakazbot.questions", description: "Questions asked, by surface and outcome (answered, abstained, error)");
        _answerDuration = Meter.CreateHistogram<double>("pakazbot.answer.duration", unit: "s", description: "Time to answer a question",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        _picks = Meter.CreateCounter<long>("pakazbot.picks", description: "Picks among suggested passages, by surface and outcome (picked, none, missing, error)");
        _reindexes = Meter.CreateCounter<long>("pakazbot.reindex", description: "Index rebuilds, by trigger and outcome");
        _reindexFailures = Meter.CreateCounter<long>("pakazbot.reindex.failures", description: "Index rebuilds refused for bad knowledge or failed");
        _reindexDuration = Meter.CreateHistogram<double>("pakazbot.reindex.duration", unit: "s", description: "Time to validate and build an index");
    }

    public Meter Meter { get; }

    /// <summary>Publishes the live index's document and paragraph counts.</summary>
    public void ObserveIndex(Func<IndexGeneration?> current)
    {
        Meter.CreateObservableGauge("pakazbot.index.documents", () => current()?.Documents ?? 0, description: "Documents in the live index");
        Meter.CreateObservableGauge("pakazbot.index.paragraphs", () => current()?.Paragraphs ?? 0, description: "Paragraphs in the live index");
        Meter.CreateObservableGauge("pakazbot.index.generation", () => current()?.Number ?? 0, description: "Number of the live index generation");
        Meter.CreateObservableGauge("pakazbot.index.semantic", () => current()?.Index.Semantic is null ? 0 : 1, description: "1 when the live index has its semantic vectors, else 0 (off, or still being computed)");
    }

    public void Question(string surface, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "surface", surface }, { "outcome", outcome } };
        _questions.Add(1, tags);
        _answerDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A pick among the suggestions: its time counts with the answers' (outcome "picked"), as it is one.</summary>
    public void Pick(string surface, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "surface", surface }, { "outcome", outcome } };
        _picks.Add(1, tags);
        if (outcome == "picked")
        {
            _answerDuration.Record(duration.TotalSeconds, tags);
        }
    }

    public void Reindex(string trigger, ReindexResult result)
    {
        var outcome = !result.Succeeded ? "failed" : result.Changed ? "rebuilt" : "unchanged";
        _reindexes.Add(1, new TagList { { "trigger", trigger }, { "outcome", outcome } });
        _reindexDuration.Record(result.Duration.TotalSeconds);
        if (!result.Succeeded)
        {
            _reindexFailures.Add(1, new TagList { { "trigger", trigger } });
        }
    }
}
