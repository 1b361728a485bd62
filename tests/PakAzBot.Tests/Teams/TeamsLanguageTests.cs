using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Languages;
using PakAzBot.Teams;

namespace PakAzBot.Tests.Teams;

/// <summary>Teams cards speak the question's language; the quote and the citation stay verbatim English.</summary>
public sealed class TeamsLanguageTests
{
    private static readonly Answerer Answerer = new(Seed.Index);

    private static readonly string[] EnglishLabels = ["Event date", "Source", "Published", "Confidence", "None of these", "This answers it", "I'm not sure", "I can't answer", "Related:"];

    /// <summary>The card's own words (heading, fact titles, button titles) are <paramref name="language"/>'s, whatever the outcome.</summary>
    internal static void AssertSpeaks(Language language, JsonObject card)
    {
        var t = ReplyText.For(language);
        var body = card["body"]!.AsArray();
        var heading = body[0]!["text"]?.GetValue<string>() ?? "";
        var facts = body.Where(b => b!["type"]!.GetValue<string>() == "FactSet").SelectMany(b => b!["facts"]!.AsArray()).Select(f => f!["title"]!.GetValue<string>()).ToList();
        var actions = Titles(card).ToList();
        var texts = Texts(body).ToList();
        if (heading == t.NotSure)
        {
            Assert.Equal(t.NoneOfThese, actions[^1]);
            Assert.All(actions.SkipLast(1), a => Assert.EndsWith(t.ThisAnswersIt, a, StringComparison.Ordinal));
        }
        else if (heading == t.CannotAnswer)
        {
            Assert.Contains(t.TryCommands("**timeline**", "**sources**"), texts);
        }
        else
        {
            Assert.Contains(t.Source, facts);
            Assert.Contains(t.Published, facts);
            Assert.Equal(t.Source, actions[0]);
            Assert.Contains(texts, x => x.EndsWith(t.Verbatim, StringComparison.Ordinal));
        }

        if (language != Language.English)
        {
            var shown = string.Join("\n", new[] { heading }.Concat(facts).Concat(actions));
            Assert.All(EnglishLabels, english => Assert.DoesNotContain(english, shown, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnAnswerInUrduHasUrduLabelsAndDateAndTheEnglishQuote()
    {
        var answer = Answerer.Ask("When did Pakistan recognize Azerbaijan?") with { Language = Language.Urdu };
        var t = ReplyText.For(Language.Urdu);
        var card = Card(TeamsCards.Answer(answer));

        AssertSpeaks(Language.Urdu, card);
        var texts = Texts(card["body"]).ToList();
        Assert.Equal("12 دسمبر 1991", texts[0]);
        Assert.Contains("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", texts);
        var facts = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("12 دسمبر 1991", facts[t.EventDate]);
        Assert.Equal("The Diplomatic Insight", facts[t.Source]);
        // The source and related buttons carry the language, so the passage they open is labelled in it.
        Assert.Equal("ur", card["actions"]![0]!["data"]!["language"]!.GetValue<string>());
        Assert.Equal(t.Source, Card(TeamsCards.Passage(answer.Citations[0], Language.Urdu))["body"]!.AsArray()
            .Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]![0]!["title"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Tests.Languages.EachLanguage.All), MemberType = typeof(Tests.Languages.EachLanguage))]
    public void SuggestionsAndDeclinesSpeakTheQuestionsLanguage(Language language)
    {
        AssertSpeaks(language, Card(TeamsCards.Answer(Answerer.Ask(Questions.Suggested) with { Language = language })));
        AssertSpeaks(language, Card(TeamsCards.Answer(Answerer.Ask("What is the capital of France?") with { Language = language })));
    }

    [Fact]
    public void TheHelpCardFollowsTheClientsLanguage()
    {
        Assert.Equal(ReplyText.For(Language.Azerbaijani).Hello, Texts(Card(TeamsCards.Help(welcome: true, Language.Azerbaijani))["body"]).First());
        Assert.Equal(ReplyText.For(Language.Urdu).HowToUse, Texts(Card(TeamsCards.Help(welcome: false, Language.Urdu))["body"]).First());
        Assert.Equal("How to use PakAzBot", Texts(Card(TeamsCards.Help(welcome: false))["body"]).First());
    }

    private static JsonObject Card(JsonObject reply) => TeamsTests.Card(reply);

    private static IEnumerable<string> Texts(JsonNode? node) => TeamsTests.Texts(node);

    /// <summary>The titles of every button, those inside the body (a suggestion's) first, then the card's own.</summary>
    private static IEnumerable<string> Titles(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "Action.Submit" ? [o["title"]!.GetValue<string>()] : Enumerable.Empty<string>())
            .Concat(o.Where(p => p.Key != "title").SelectMany(p => Titles(p.Value))),
        JsonArray a => a.SelectMany(Titles),
        _ => [],
    };
}
