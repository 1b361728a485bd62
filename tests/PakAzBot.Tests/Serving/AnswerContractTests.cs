using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Serving;

namespace PakAzBot.Tests.Serving;

/// <summary>
/// The answer contract writes no non-finite number whatever the engine gives it, and a question whose reply could not
/// be made is counted as an error, not as answered.
/// </summary>
public sealed class AnswerContractTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void TheAnswerContractWritesNoNonFiniteNumber(double confidence)
    {
        var answer = new Answer { Question = "1992", Type = QuestionType.When, Reason = AbstentionReason.LowConfidence, Confidence = confidence };

        var json = JsonContract.Answer(answer).ToJsonString(JsonContract.Compact);

        var written = JsonDocument.Parse(json).RootElement.GetProperty("confidence").GetDouble();
        Assert.True(double.IsFinite(written));
        Assert.InRange(written, 0, 1);
    }

    [Fact]
    public void AReplyThatCannotBeMadeIsCountedAsAnErrorNotAsAnswered()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new BotMetrics(services.GetRequiredService<IMeterFactory>());
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "pakazbot.questions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();
        var service = new AnswerService(new OneGeneration(), metrics, NullLogger<AnswerService>.Instance);

        Assert.Throws<ArgumentException>(() => service.Ask("When did Pakistan recognize Azerbaijan?", "web", string (_) => throw new ArgumentException("cannot render")));
        var rendered = service.Ask("When did Pakistan recognize Azerbaijan?", "web", answer => answer.Answered);

        // The failed reply is an error; the one rendered counts as what it was.
        Assert.Equal(["error", rendered ? "answered" : "abstained"], outcomes);
    }

    private sealed class OneGeneration : ILiveIndex
    {
        public IndexGeneration? Current { get; } = new(1, Seed.Lexical, TimeSpan.Zero, DateTimeOffset.UtcNow);

        public IndexLease? Acquire() => new(Current!, () => { });
    }
}
