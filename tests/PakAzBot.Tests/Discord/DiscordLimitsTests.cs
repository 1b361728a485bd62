using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Timeline;
using PakAzBot.Discord;
using PakAzBot.Search;

namespace PakAzBot.Tests.Discord;

/// <summary>
/// A property test over generated corpora: whatever the number of documents (1 to 200) and however long their
/// titles, publishers, section headings and addresses, every /sources page, every /timeline page and every /ask
/// answer stays within every limit Discord documents, and the /sources pages show each document exactly once.
/// </summary>
public sealed class DiscordLimitsTests
{
    // The knowledge format sets no maximum on a title or an address: these are far past what any source has,
    // and past the 2,083 characters browsers accept in an address.
    private const int LongestTitle = 1500;
    private const int LongestUrl = 2100;
    private const int LongestPublisher = 300;
    private const int LongestHeading = 400;

    // Letters, spaces and every character Discord's Markdown formats, so escaping can double a title's length.
    private const string Alphabet = "abcdefghij klmnop qrstuv wxyz ABCDEF *_~`|>#-[]() 0123456789";

    public static TheoryData<int, int> Corpora()
    {
        var data = new TheoryData<int, int>();
        foreach (var count in new[] { 1, 2, 9, 10, 11, 24, 25, 26, 57, 200 })
        {
            data.Add(count, count * 7919);
        }

        var random = new Random(20261129);
        for (var i = 0; i < 4; i++)
        {
            data.Add(random.Next(1, 201), random.Next());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void SourcesTimelineAndAnswersStayWithinEveryLimit(int documents, int seed)
    {
        var random = new Random(seed);
        using var folder = new TempFolder();
        for (var i = 0; i < documents; i++)
        {
            folder.Write($"doc-{i}.md", Document(i, random));
        }

        var knowledge = KnowledgeLoader.Load(folder.Path);
        Assert.Equal(documents, knowledge.Documents.Count);
        using var index = LuceneIndex.BuildInMemory(knowledge);

        // /sources: every page within the limits, and every document on exactly one page.
        var first = DiscordMessages.Sources(knowledge);
        var pages = int.Parse(first["embeds"]![0]!["footer"]!["text"]!.GetValue<string>().Split(' ')[^1], CultureInfo.InvariantCulture);
        var shown = 0;
        for (var page = 0; page < pages; page++)
        {
            var message = DiscordMessages.Sources(knowledge, page);
            DiscordLimits.AssertWithin(message, $"/sources page {page + 1} of {pages} ({documents} documents)");
            shown += message["embeds"]![0]!["fields"]!.AsArray().Count;
            var buttons = message["components"]![0]!["components"]!.AsArray();
            Assert.Equal(page == 0, buttons[0]!["disabled"]!.GetValue<bool>());
            Assert.Equal(page == pages - 1, buttons[1]!["disabled"]!.GetValue<bool>());
            if (page < pages - 1)
            {
                Assert.Equal(page + 1, DiscordMessages.SourcesPage(buttons[1]!["custom_id"]!.GetValue<string>()));
            }
        }

        Assert.Equal(documents, shown);

        // /timeline: every page, unfiltered and filtered.
        var entries = TimelineBuilder.Build(index);
        Assert.NotEmpty(entries);
        var timelinePages = (entries.Count + DiscordMessages.TimelinePageSize - 1) / DiscordMessages.TimelinePageSize;
        for (var page = 0; page < timelinePages; page++)
        {
            DiscordLimits.AssertWithin(DiscordMessages.TimelinePage(entries, new TimelineState(page, null, null, null)), $"/timeline page {page + 1}");
        }

        DiscordLimits.AssertWithin(DiscordMessages.TimelinePage(entries, new TimelineState(0, "1990", "2030", new string('t', 60))), "/timeline filtered");

        // /ask: answered, abstained, and with the longest question a user can send.
        var answerer = new Answerer(index);
        foreach (var question in new[]
                 {
                     "When was the accord on pipelines signed?",
                     "Who is the mayor of Atlantis?",
                     "When was the accord on pipelines signed? " + string.Join(' ', Enumerable.Repeat("[please]", 60)),
                 })
        {
            var answer = answerer.Ask(question);
            DiscordLimits.AssertWithin(DiscordMessages.Answer(answer, ephemeral: false), $"/ask '{question[..Math.Min(question.Length, 40)]}'");
            foreach (var citation in answer.Citations.Concat(answer.Related))
            {
                DiscordLimits.AssertWithin(DiscordMessages.Passage(citation), "source button");
            }
        }

        // Not sure: the three longest passages offered, whole, with the longest question a user can send.
        var longest = knowledge.Passages.OrderByDescending(p => p.Text.Length + knowledge.DocumentOf(p).Publisher.Length + (p.Section?.Length ?? 0)).Take(3);
        var suggested = new Answer
        {
            Question = string.Concat(Enumerable.Repeat("When* was_the `accord`? ", 21))[..Answerer.MaxQuestionLength],
            Type = QuestionType.When,
            Confidence = 0.5,
            Reason = AbstentionReason.LowConfidence,
            Suggestions = longest.Select(p => new Suggestion(new Citation(knowledge.DocumentOf(p), p), p.Text, null)).ToList(),
        };
        DiscordLimits.AssertWithin(DiscordMessages.Answer(suggested, ephemeral: false), "/ask suggestions");
    }

    [Fact]
    public void AQuestionTooLongForTheAuthorLineIsKeptWholeInAField()
    {
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(TestPaths.Knowledge));
        var question = "When did Pakistan recognize Azerbaijan? " + string.Join(' ', Enumerable.Repeat("I would really like to know this for my school essay on the region.", 6));
        var answer = new Answerer(index).Ask(question);

        var embed = DiscordMessages.Answer(answer, ephemeral: false)["embeds"]![0]!;

        Assert.True(answer.Question.Length > DiscordMessages.TitleLimit, "the test needs a question longer than the author line");
        var field = embed["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == DiscordMessages.QuestionField)!;
        Assert.Equal(answer.Question, DiscordMessages.Unescape(field["value"]!.GetValue<string>()));
    }

    private static string Document(int i, Random random)
    {
        var title = Text(random, random.Next(1, LongestTitle + 1));
        var publisher = Text(random, random.Next(1, LongestPublisher + 1));
        var url = "https://example.org/" + new string('a', random.Next(0, LongestUrl - 20));
        var heading = Text(random, random.Next(1, LongestHeading + 1)).Replace('#', 'h');
        var year = 1991 + (i % 35);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"---\nid: doc-{i}\ntitle: \"{title}\"\npublisher: \"{publisher}\"\npublished: {year}-06-11\nlanguage: en\nurl: {url}\n---\n\n## {heading}\n\n");
        body.Append(CultureInfo.InvariantCulture, $"On {1 + (i % 28)} March {year}, the two sides signed the accord on pipelines in Baku, document {i}.\n\n");
        body.Append("In " + year.ToString(CultureInfo.InvariantCulture) + ", officials said " + string.Join(", ", Enumerable.Range(0, random.Next(1, 80)).Select(k => $"clause {k} of the accord was discussed")) + ".\n");
        return body.ToString();
    }

    private static string Text(Random random, int length)
    {
        var chars = new char[length];
        for (var k = 0; k < length; k++)
        {
            chars[k] = Alphabet[random.Next(Alphabet.Length)];
        }

        // Front matter values may not start or end with a space once trimmed; start with a letter.
        chars[0] = 'T';
        return new string(chars).TrimEnd() is { Length: > 0 } t ? t : "T";
    }
}
