using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;
using PakAzBot.Discord;

namespace PakAzBot.Tests.Discord;

/// <summary>Discord embeds and buttons speak the question's language; the quote and the citation stay verbatim English.</summary>
public sealed class DiscordLanguageTests
{
    private static readonly Answerer Answerer = new(Seed.Index);

    /// <summary>The English words of a reply that a reply in another language must not show.</summary>
    private static readonly string[] EnglishLabels = ["Event date", "Source", "Confidence", "None of these", "This answers it", "I'm not sure", "I can't answer", "Related:"];

    /// <summary>
    /// The reply's own words (title, field names, footer, buttons) are <paramref name="language"/>'s, whichever of the
    /// three outcomes it is, and none of them is English.
    /// </summary>
    internal static void AssertSpeaks(Language language, JsonObject data)
    {
        var t = ReplyText.For(language);
        var embed = data["embeds"]![0]!;
        var title = embed["title"]?.GetValue<string>();
        var fields = (embed["fields"]?.AsArray() ?? []).Select(f => f!["name"]!.GetValue<string>()).Where(n => n != DiscordMessages.QuestionField).ToList();
        var footer = embed["footer"]?["text"]?.GetValue<string>() ?? "";
        var buttons = (data["components"]?.AsArray() ?? []).SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["label"]!.GetValue<string>()).ToList();
        if (title == DiscordMessages.Escape(t.NotSure))
        {
            Assert.Equal(t.NoneOfThese, buttons[^1]);
            Assert.All(buttons.SkipLast(1), b => Assert.EndsWith(t.ThisAnswersIt, b, StringComparison.Ordinal));
            Assert.Equal(t.PickHelp, footer);
        }
        else if (title == DiscordMessages.Escape(t.CannotAnswer))
        {
            Assert.Contains(t.TryCommands("`/timeline`", "`/sources`"), embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(DiscordMessages.Escape(t.Source), fields);
            Assert.Equal(t.Source, buttons[0]);
            Assert.EndsWith(t.Verbatim, footer, StringComparison.Ordinal);
        }

        if (language != Language.English)
        {
            var shown = string.Join("\n", new[] { title ?? "", footer }.Concat(fields).Concat(buttons));
            Assert.All(EnglishLabels, english => Assert.DoesNotContain(english, shown, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnAnswerInAzerbaijaniHasAzerbaijaniLabelsAndDateAndTheEnglishQuote()
    {
        var answer = Answerer.Ask("When did Pakistan recognize Azerbaijan?") with { Language = Language.Azerbaijani };
        var t = ReplyText.For(Language.Azerbaijani);
        var data = DiscordMessages.Answer(answer, ephemeral: false);
        var embed = data["embeds"]![0]!;

        AssertSpeaks(Language.Azerbaijani, data);
        Assert.Equal("12 dekabr 1991", embed["title"]!.GetValue<string>());
        Assert.Equal(DiscordMessages.Escape(t.EventDate), embed["fields"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("12 dekabr 1991", embed["fields"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("> On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", embed["description"]!.GetValue<string>());
        Assert.Equal(DiscordMessages.Escape(MarkdownRenderer.CitationLine(answer.Citations[0])), embed["fields"]![1]!["value"]!.GetValue<string>());
        Assert.StartsWith(t.Confidence + " ", embed["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Tests.Languages.EachLanguage.All), MemberType = typeof(Tests.Languages.EachLanguage))]
    public void SuggestionsAndDeclinesSpeakTheQuestionsLanguage(Language language)
    {
        var suggested = Answerer.Ask(Questions.Suggested) with { Language = language };
        var declined = Answerer.Ask("What is the capital of France?") with { Language = language };

        AssertSpeaks(language, DiscordMessages.Answer(suggested, ephemeral: false));
        AssertSpeaks(language, DiscordMessages.Answer(declined, ephemeral: false));
        DiscordLimits.AssertWithin(DiscordMessages.Answer(suggested, ephemeral: false), "suggestions in " + language.Code());
        Assert.Equal(ReplyText.For(language).NoneNoted, DiscordMessages.NoneOfTheseNoted(language)["content"]!.GetValue<string>());
    }
}
