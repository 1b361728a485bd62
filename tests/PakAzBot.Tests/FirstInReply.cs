using System.Text.Json;
using PakAzBot.Core.Answering;

namespace PakAzBot.Tests;

/// <summary>
/// The passage a reply puts first: the one its answer cites, or its first suggestion when the engine is not sure.
/// Tests that are not about where the learned decide stage draws its line (which a refit of the model moves) check that
/// the expected passage comes first and that picking it gives its answer.
/// </summary>
internal static class FirstInReply
{
    public static Citation Of(Answer answer)
    {
        Assert.True(answer.Answered || answer.Suggestions.Count > 0, $"nothing offered: {answer.Outcome} ({answer.Reason})");
        return answer.Answered ? answer.Citations[0] : answer.Suggestions[0].Citation;
    }

    /// <summary>The answer, or what picking its first suggestion gives.</summary>
    public static Answer Settled(Answerer answerer, string question, Answer answer) =>
        answer.Answered ? answer : answerer.Pick(question, Of(answer).Passage.Id) ?? throw new InvalidOperationException("the first suggestion could not be picked");

    /// <summary>The quote a JSON reply (the <c>/api/ask</c> contract) puts first.</summary>
    public static string QuoteOf(JsonElement reply)
    {
        var answered = reply.GetProperty("outcome").GetString() == "answered";
        var first = answered ? reply.GetProperty("citations")[0] : reply.GetProperty("suggestions")[0];
        return first.GetProperty("quote").GetString()!;
    }
}
