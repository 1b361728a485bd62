using PakAzBot.Core.Answering;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Tests.Languages;

/// <summary>The Markdown reply and the JSON contract, in each language: the words around the quote change, the quote does not.</summary>
public sealed class LocalizedRenderingTests
{
    private static readonly Answerer Answerer = new(Seed.Index);

    private const string Recognized = "On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.";
    private const string Cited = "— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7";

    /// <summary>The English question's answer, as if asked in <paramref name="language"/> (the lexicon that reads such questions lands separately).</summary>
    private static Answer AnsweredIn(Language language) => Answerer.Ask("When did Pakistan recognize Azerbaijan?") with { Language = language };

    [Theory]
    [MemberData(nameof(EachLanguage.All), MemberType = typeof(EachLanguage))]
    public void AnAnswerKeepsTheQuoteAndCitationVerbatimAndLabelsItInTheQuestionsLanguage(Language language)
    {
        var t = ReplyText.For(language);
        var answer = AnsweredIn(language);
        Assert.True(answer.Answered);
        var text = MarkdownRenderer.Render(answer);

        Assert.Contains("> " + Recognized, text, StringComparison.Ordinal);
        Assert.Contains(Cited, text, StringComparison.Ordinal);
        Assert.StartsWith($"**{t.Date(answer.Date!.Date)}**", text, StringComparison.Ordinal);
        Assert.Contains($"{t.EventDate}: {t.Date(answer.Date.Date)} · {t.Confidence}: ", text, StringComparison.Ordinal);
        if (language != Language.English)
        {
            Assert.DoesNotContain("Event date", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Confidence", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheShortAnswerAndEventDateAreWrittenAsPeopleThereWriteThem()
    {
        Assert.StartsWith("**12 دسمبر 1991**", MarkdownRenderer.Render(AnsweredIn(Language.Urdu)), StringComparison.Ordinal);
        Assert.StartsWith("**12 dekabr 1991**", MarkdownRenderer.Render(AnsweredIn(Language.Azerbaijani)), StringComparison.Ordinal);
        Assert.StartsWith("**12 December 1991**", MarkdownRenderer.Render(AnsweredIn(Language.RomanUrdu)), StringComparison.Ordinal);
        // The quote keeps its own English date.
        Assert.Contains("December 12, 1991", MarkdownRenderer.Render(AnsweredIn(Language.Azerbaijani)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EachLanguage.All), MemberType = typeof(EachLanguage))]
    public void TheSuggestionsAndTheDeclineSpeakTheQuestionsLanguage(Language language)
    {
        var t = ReplyText.For(language);
        var suggested = Answerer.Ask(Questions.Suggested) with { Language = language };
        Assert.Equal(AnswerOutcome.Suggested, suggested.Outcome);
        var suggestions = MarkdownRenderer.Render(suggested);
        Assert.StartsWith(t.NotSure, suggestions, StringComparison.Ordinal);
        Assert.Contains(MarkdownRenderer.CitationLine(suggested.Suggestions[0].Citation), suggestions, StringComparison.Ordinal);

        var declined = Answerer.Ask("What is the capital of France?") with { Language = language };
        Assert.Equal(AnswerOutcome.Declined, declined.Outcome);
        var decline = MarkdownRenderer.Render(declined, MarkdownRenderer.CommandLineHintIn(language));
        Assert.StartsWith(t.CannotAnswer, decline, StringComparison.Ordinal);
        Assert.Contains("“France”", decline, StringComparison.Ordinal);
        Assert.Contains(t.Topics(declined.Topics), decline, StringComparison.Ordinal);
        Assert.Contains("`pakazbot timeline`", decline, StringComparison.Ordinal);
        if (language != Language.English)
        {
            Assert.NotEqual(ReplyText.For(Language.English).NotSure, t.NotSure);
            Assert.DoesNotContain("I can't answer", decline, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Language.English, "en")]
    [InlineData(Language.Urdu, "ur")]
    [InlineData(Language.RomanUrdu, "ur-Latn")]
    [InlineData(Language.Azerbaijani, "az")]
    public void TheJsonContractNamesTheQuestionsLanguageAndChangesNothingElse(Language language, string code)
    {
        var english = JsonContract.Answer(AnsweredIn(Language.English));
        var json = JsonContract.Answer(AnsweredIn(language));

        Assert.Equal(code, json["language"]!.GetValue<string>());
        // Only the new field differs: the quote, the citation and the English date label stay as they were.
        json.Remove("language");
        english.Remove("language");
        Assert.Equal(english.ToJsonString(), json.ToJsonString());
    }

    [Fact]
    public void AQuestionInAzerbaijaniOrUrduIsRepliedToInItsLanguage()
    {
        // Whether or not the sources answer it yet, the reply's words are in the question's language.
        var azerbaijani = Answerer.Ask("Pakistan Azərbaycanı nə vaxt tanıyıb?");
        var urdu = Answerer.Ask("پاکستان نے آذربائیجان کو کب تسلیم کیا تھا؟");

        Assert.Equal("az", JsonContract.Answer(azerbaijani)["language"]!.GetValue<string>());
        Assert.Equal("ur", JsonContract.Answer(urdu)["language"]!.GetValue<string>());
        Assert.DoesNotContain("I can't answer", MarkdownRenderer.Render(urdu), StringComparison.Ordinal);
        Assert.DoesNotContain("I'm not sure", MarkdownRenderer.Render(azerbaijani), StringComparison.Ordinal);
        // The client's locale decides only for a question too short to tell.
        Assert.Equal(Language.Azerbaijani, Answerer.Ask("1992?", hint: Language.Azerbaijani).Language);
        Assert.Equal(Language.Urdu, Answerer.Ask("پاکستان نے آذربائیجان کو کب تسلیم کیا تھا؟", hint: Language.Azerbaijani).Language);
    }
}
