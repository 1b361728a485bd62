using System.Text;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// Confidence is a total function: finite and in [0, 1] for every string, and no input makes answering throw.
/// Random and adversarial strings, with a fixed seed so a failure can be replayed.
/// </summary>
public sealed class ConfidenceIsTotalTests
{
    private static readonly Answerer Answerer = new(Seed.Index);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?")]
    [InlineData("1992")]
    [InlineData("what happened in 1995")]
    [InlineData("anything in 2017?")]
    [InlineData("Feb 2017?")]
    [InlineData("12")]
    [InlineData("pakistan")]
    [InlineData("the the the the")]
    [InlineData("when when when")]
    [InlineData("\ud800\udfff\ud800")]
    [InlineData("<@123456> @everyone")]
    [InlineData("<at>PakAzBot</at>")]
    [InlineData("@AzEmbPak")]
    [InlineData("-h")]
    [InlineData("1991 1992 1993 1994 1995 1996 1997 1998 1999 2000")]
    [InlineData("what happened on 10 June")]
    [InlineData("in the 1990s")]
    [InlineData("0000-00-00")]
    [InlineData("99999999999999999999999999")]
    [InlineData("\u200b\u200b\u200b")]
    public void GivesAFiniteConfidenceForOddQuestions(string question) => AssertTotal(question);

    [Fact]
    public void GivesAFiniteConfidenceForRandomStrings()
    {
        var random = new Random(20261129);
        var alphabet = "aeiou bcdfg 0123456789 ?!.,'\"-@#<>:/&;\u00e9\u00fc\u0131\u0259\u200b\t\n\u0000\ud800\udc00".ToCharArray();
        var words = "when what who where why how many much did pakistan azerbaijan baku 1991 1995 march 12 december in on the of recognize embassy visit happened anything year"
            .Split(' ');
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, i % 10 == 0 ? 2000 : 60);
            while (text.Length < length)
            {
                if (random.Next(3) == 0)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }
                else
                {
                    text.Append(words[random.Next(words.Length)]).Append(' ');
                }
            }

            AssertTotal(text.ToString());
        }
    }

    [Fact]
    public void GivesAFiniteConfidenceForRandomQuestionsMadeOfTheSourcesOwnWords()
    {
        // Real names and their prefixes ("Azer", "Pak") in any order reach every rule that compares names.
        var random = new Random(1129);
        var words = Seed.Knowledge.Passages.SelectMany(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        string[] openers = ["When did", "Who", "Where did", "How many", "Why did", "Did", "Which", "what happened in", ""];
        for (var i = 0; i < 300; i++)
        {
            var picked = Enumerable.Range(0, random.Next(1, 9)).Select(_ =>
            {
                var w = words[random.Next(words.Length)];
                return random.Next(4) == 0 && w.Length > 3 ? w[..random.Next(1, w.Length)] : w;
            });
            AssertTotal($"{openers[random.Next(openers.Length)]} {string.Join(' ', picked)}?");
        }
    }

    private static void AssertTotal(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.True(double.IsFinite(answer.Confidence), $"confidence {answer.Confidence} for {Escape(question)}");
        Assert.InRange(answer.Confidence, 0, 1);
        Assert.NotNull(JsonContract.Answer(answer).ToJsonString(JsonContract.Compact));
        Assert.NotNull(MarkdownRenderer.Render(answer));
        if (answer.Answered)
        {
            Assert.Contains(answer.Text!, answer.Citations[0].Quote, StringComparison.Ordinal);
        }
    }

    private static string Escape(string s) => string.Concat(s.Take(200).Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
