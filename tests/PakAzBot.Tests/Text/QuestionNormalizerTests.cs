using System.Text;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Text;

namespace PakAzBot.Tests.Text;

public sealed class QuestionNormalizerTests
{
    [Theory]
    [InlineData("<@123456789012345678> When did Pakistan recognize Azerbaijan?", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("<@!123456789012345678> When did Pakistan recognize Azerbaijan?", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("<@&987654321098765432> who signed the agreement?", "who signed the agreement?")]
    [InlineData("asking in <#112233445566778899>: who signed the agreement?", "asking in : who signed the agreement?")]
    [InlineData("@everyone @here when was the embassy opened?", "when was the embassy opened?")]
    [InlineData("mail me@here.com", "mail me@here.com")]
    [InlineData("<:flag_pk:123456789012345678> <a:wave:123456789012345678> when was the embassy opened?", "when was the embassy opened?")]
    [InlineData("what happened on <t:1654819200:R>?", "what happened on ?")]
    [InlineData("use </ask:1234567890> to ask: when was the embassy opened?", "use to ask: when was the embassy opened?")]
    [InlineData("<@123456789012345678> hey, does anyone know when did X happen?", "when did X happen?")]
    public void StripsDiscordMentionsEmojiAndTimestamps(string input, string expected) => Assert.Equal(expected, QuestionNormalizer.Normalize(input));

    [Theory]
    [InlineData("**When** did Pakistan recognize Azerbaijan?", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("When did *Pakistan* recognize __Azerbaijan__?", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("_when_ was the ***embassy*** opened", "when was the embassy opened")]
    [InlineData("what does snake_case or JF-17 or don't mean", "what does snake_case or JF-17 or don't mean")]
    [InlineData("is 5*3 or 5 * 3 fifteen", "is 5*3 or 5 * 3 fifteen")]
    [InlineData("who ~~signed~~ ratified the ||secret|| pact?", "who signed ratified the secret pact?")]
    [InlineData("un**believ**able or __init__ but snake__case", "unbelievable or init but snake__case")]
    [InlineData("what is `IPassageIndex`?", "what is IPassageIndex?")]
    [InlineData("```\nwhen was the embassy opened?\n```", "when was the embassy opened?")]
    [InlineData("```text\nwhen was the embassy opened?\n```", "when was the embassy opened?")]
    [InlineData("```when was the embassy opened?```", "when was the embassy opened?")]
    [InlineData("> when was the embassy opened?", "when was the embassy opened?")]
    [InlineData(">>> when was the embassy opened?\nand by whom?", "when was the embassy opened? and by whom?")]
    [InlineData("# When was the embassy opened?", "When was the embassy opened?")]
    [InlineData("-# small print\n## Heading", "small print Heading")]
    [InlineData("- when was the embassy opened?\n* who opened it?\n1. why?", "when was the embassy opened? who opened it? why?")]
    [InlineData("#1 trading partner?", "#1 trading partner?")]
    [InlineData("what does [this article](https://example.com/a?b=c) say about trade?", "what does this article say about trade?")]
    [InlineData("see [the report](<https://example.com/a b> \"title\")", "see the report")]
    [InlineData("what does <https://example.com/news> say?", "what does https://example.com/news say?")]
    [InlineData("what is the embassy`s address", "what is the embassy's address")]
    public void StripsMarkdownButKeepsIntraWordPunctuation(string input, string expected) => Assert.Equal(expected, QuestionNormalizer.Normalize(input));

    [Theory]
    [InlineData("<at>PakAzBot</at> <p>When did Pakistan recognize Azerbaijan?</p>", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("<at>PakAzBot</at>&nbsp;when did pakistan recognise azerbaijan", "when did pakistan recognise azerbaijan")]
    [InlineData("<at id=\"0\">PakAzBot</at> what&#39;s the JMC?", "what's the JMC?")]
    [InlineData("<at>PakAzBot</at> <at>Jane Doe</at> asked: who signed the 1995 pact?", "asked: who signed the 1995 pact?")]
    [InlineData("<p>When was the<br>embassy opened?</p>", "When was the embassy opened?")]
    [InlineData("<div><b>Who</b> opened the <i>embassy</i>?</div>", "Who opened the embassy?")]
    [InlineData("trade &amp; defence ties &lt; 1995?", "trade & defence ties < 1995?")]
    [InlineData("&lt;at&gt;PakAzBot&lt;/at&gt; who opened the embassy?", "who opened the embassy?")]
    [InlineData("what does &lt;insert name&gt; mean", "what does <insert name> mean")]
    [InlineData("a<!-- hidden -->b", "a b")]
    public void StripsTeamsMentionsAndHtml(string input, string expected) => Assert.Equal(expected, QuestionNormalizer.Normalize(input));

    [Theory]
    [InlineData("When\u0000 did\tPakistan\r\nrecognize Azerbaijan?\u0007", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("Pak\u200Bistan\u200C \u200Dand\u2060 \uFEFFAzerbaijan", "Pakistan and Azerbaijan")]
    [InlineData("\u202Ewho\u202C \u2066opened\u2069 \u200Fit\u200E\u061C?", "who opened it?")]
    [InlineData("  lots \u00A0 of\u2003 space \n\n ", "lots of space")]
    [InlineData("what\u2019s the \u201Cbrotherly\u201D bond?", "what's the \"brotherly\" bond?")]
    [InlineData("\u2018Khojaly\u2019 \u00ABremembrance\u00BB", "'Khojaly' \"remembrance\"")]
    [InlineData("emoji \uD83D\uDE00 stays", "emoji \uD83D\uDE00 stays")]
    [InlineData("&#8203;&#7;x&#xD800;", "x&#xD800;")]
    public void DropsInvisibleCharactersAndFoldsSpaceAndQuotes(string input, string expected) => Assert.Equal(expected, QuestionNormalizer.Normalize(input));

    [Fact]
    public void DropsLoneSurrogates()
    {
        // Not InlineData: xunit cannot carry a lone surrogate through its test case serialization.
        Assert.Equal("abc", QuestionNormalizer.Normalize("a\uD800b\uDC00c"));
        Assert.Equal("x", QuestionNormalizer.Normalize("\uDC00\uD800x\uD800"));
    }

    [Fact]
    public void ComposesAsStringNormalizeDoes()
    {
        // With InvariantGlobalization .NET has no normalization data and this is the identity; with ICU it composes.
        Assert.Equal("Qarabag\u0306".Normalize(), QuestionNormalizer.Normalize("Qarabag\u0306"));
    }

    [Theory]
    [InlineData("hey, does anyone know when the embassy opened?", "when the embassy opened?")]
    [InlineData("Hi there! When did Pakistan recognize Azerbaijan?", "When did Pakistan recognize Azerbaijan?")]
    [InlineData("hello bot when was the embassy opened", "when was the embassy opened")]
    [InlineData("Good morning, can you tell me who signed the pact?", "who signed the pact?")]
    [InlineData("yo @bot who signed the pact?", "who signed the pact?")]
    [InlineData("pls tell me when the embassy opened", "when the embassy opened")]
    [InlineData("Do you know who the ambassador is?", "who the ambassador is?")]
    [InlineData("I was wondering when the embassy opened", "when the embassy opened")]
    [InlineData("I'd like to know who signed the pact", "who signed the pact")]
    [InlineData("I\u2019d like to know who signed the pact", "who signed the pact")]
    [InlineData("i want to know why they met", "why they met")]
    [InlineData("quick question: who signed the pact?", "who signed the pact?")]
    [InlineData("Question: who signed the pact?", "who signed the pact?")]
    [InlineData("so, who signed the pact?", "who signed the pact?")]
    [InlineData("ok so who signed the pact?", "who signed the pact?")]
    [InlineData("btw who signed the pact?", "who signed the pact?")]
    [InlineData("anyone know when the embassy opened?", "when the embassy opened?")]
    [InlineData("Hey, please, could you tell me when the embassy opened?", "when the embassy opened?")]
    [InlineData("tell me about the embassy", "about the embassy")]
    [InlineData("when did the embassy open, thanks!", "when did the embassy open")]
    [InlineData("when did the embassy open? thanks!", "when did the embassy open?")]
    [InlineData("when did the embassy open pls", "when did the embassy open")]
    [InlineData("when did the embassy open thx", "when did the embassy open")]
    [InlineData("when did the embassy open please?", "when did the embassy open?")]
    [InlineData("hi, when did the embassy open? thank you so much :)", "when did the embassy open?")]
    public void DropsChatterAroundTheQuestion(string input, string expected) => Assert.Equal(expected, QuestionNormalizer.Normalize(input));

    [Theory]
    [InlineData("khojaly remembrance evening at the azerbaijani embassy, what date was that")]
    [InlineData("Apart from the embassy, which body signed the memorandum?")]
    [InlineData("I'm writing a school report on recognition, which country was second?")]
    [InlineData("can you recommend a good restaurant in baku")]
    [InlineData("so many countries recognized it, which was second?")]
    [InlineData("well known treaties of the 1990s?")]
    [InlineData("why did the minister say thank you")]
    [InlineData("hiking trips between the two countries?")]
    [InlineData("hey")]
    [InlineData("hi!")]
    [InlineData("thanks")]
    [InlineData("@AzEmbPak what is the embassy's handle")]
    [InlineData("-what happened in 1995")]
    [InlineData("When did Pakistan recognize Azerbaijan?")]
    public void KeepsContentThatOnlyLooksLikeChatter(string input) => Assert.Equal(input, QuestionNormalizer.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<@123456789012345678>")]
    [InlineData("<at>PakAzBot</at>")]
    [InlineData("** __ ~~ || ``` > #")]
    [InlineData("\u200B\u0000\uFEFF")]
    public void OnlyMarkupGivesNothing(string input) => Assert.Equal("", QuestionNormalizer.Normalize(input));

    [Fact]
    public void CutsLongQuestionsAtAWordBoundary()
    {
        var words = string.Join(' ', Enumerable.Repeat("embassy", 200));

        var cut = QuestionNormalizer.Normalize(words);

        Assert.True(cut.Length <= Answerer.MaxQuestionLength);
        Assert.True(cut.Length > Answerer.MaxQuestionLength - "embassy ".Length);
        Assert.EndsWith("embassy", cut, StringComparison.Ordinal);
        Assert.Equal(Answerer.MaxQuestionLength, QuestionNormalizer.Normalize(new string('x', 10_000)).Length);
    }

    [Fact]
    public void DoesNotSplitASurrogatePairWhenCuttingInsideAWord()
    {
        var text = new string('x', Answerer.MaxQuestionLength - 1) + "\uD83D\uDE00" + "yyy";

        Assert.Equal(new string('x', Answerer.MaxQuestionLength - 1), QuestionNormalizer.Normalize(text));
    }

    [Fact]
    public void PropertiesHoldForRandomText()
    {
        var random = new Random(20240611);
        string[] pieces =
        [
            "<@123>", "<@!45>", "<@&6>", "<#7>", "<:e:8>", "<a:e:9>", "<t:1:R>", "@everyone", "@here", "<at>Bot</at>", "<at>",
            "</at>", "<p>", "</p>", "<br>", "<b>", "&amp;", "&amp;amp;", "&#39;", "&nbsp;", "&lt;", "&gt;", "&#x200B;", "&#0;",
            "**", "__", "*", "_", "~~", "||", "`", "```", "```js\n", "> ", ">>> ", "# ", "-# ", "- ", "1. ", "[", "](", ")",
            "<https://x.y/z>", "[a](https://b)", "hey", "hi there", "please", "thanks", "thx", "pls", ", ", "? ", "!", ":",
            "when", "did", "the", "embassy", "open", "snake_case", "don't", "’", "“", "\n", "\r\n", "\t", " ", "\u0000",
            "\u0085", "\u2028", "\u200B", "\u200D", "\u202E", "\u2066", "\uFEFF", "\uD800", "\uDC00", "\uD83D\uDE00",
            "e\u0301", "\uFFFE", "\uFFFF", "\u00AD",
        ];

        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 60);
            for (var j = 0; j < length; j++)
            {
                if (random.Next(3) == 0)
                {
                    builder.Append((char)random.Next(0, 0x10000));
                }
                else
                {
                    builder.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            AssertProperties(builder.ToString());
        }

        AssertProperties(new string('a', 100_000));
        AssertProperties(string.Concat(Enumerable.Repeat("word ", 20_000)));
        AssertProperties(string.Concat(Enumerable.Repeat("\uD800", 100_000)));
        AssertProperties(string.Concat(Enumerable.Repeat("<@123> ** &amp; ", 10_000)) + "when did it happen?");
        AssertProperties(string.Concat(Enumerable.Range(0, 100_000).Select(_ => (char)random.Next(0, 0x10000))));
        AssertProperties("&" + string.Concat(Enumerable.Repeat("amp;", 5_000)) + "lt;at&gt;x&lt;/at&gt;");
    }

    private static void AssertProperties(string input)
    {
        var once = QuestionNormalizer.Normalize(input);

        Assert.True(once.Length <= Answerer.MaxQuestionLength, $"too long: {once.Length}");
        for (var i = 0; i < once.Length; i++)
        {
            Assert.False(char.IsControl(once[i]), $"control character U+{(int)once[i]:X4} in {Escape(once)}");
            Assert.False(char.IsHighSurrogate(once[i]) && (i + 1 == once.Length || !char.IsLowSurrogate(once[i + 1])), $"lone surrogate in {Escape(once)}");
            Assert.False(char.IsLowSurrogate(once[i]) && (i == 0 || !char.IsHighSurrogate(once[i - 1])), $"lone surrogate in {Escape(once)}");
        }

        Assert.Equal(once.Trim(), once);
        Assert.DoesNotContain("  ", once, StringComparison.Ordinal);
        Assert.True(QuestionNormalizer.Normalize(once) == once, $"not idempotent on {Escape(input)}: {Escape(once)} → {Escape(QuestionNormalizer.Normalize(once))}");
    }

    private static string Escape(string text) =>
        string.Concat(text.Take(300).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
