using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Languages;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Timeline;
using PakAzBot.Search;

namespace PakAzBot.Tests.Answering;

/// <summary>
/// Sources that disagree (issue 19), on invented documents (Data/conflicts, never shipped) with three planted
/// disagreements and two agreements at different precisions.
/// </summary>
public sealed class ConflictTests
{
    private static readonly Lazy<LuceneIndex> Lexical = new(() => LuceneIndex.BuildInMemory(KnowledgeLoader.Load(TestPaths.Data("conflicts"))));
    private static readonly Lazy<LuceneIndex> Hybrid = new(() => Seed.Hybrid(Lexical.Value.Knowledge));

    private static LuceneIndex Index(bool semantic) => semantic ? Hybrid.Value : Lexical.Value;

    public static TheoryData<bool, string, string, string> Disagreements => new()
    {
        { true, "When did the joint economic commission hold its first meeting?", "2 November 2017", "14 March 2016" },
        { false, "When did the joint economic commission hold its first meeting?", "2 November 2017", "14 March 2016" },
        { true, "How much did trade between Pakistan and Azerbaijan reach in 2019?", "41 million", "25 million" },
        { false, "How much did trade between Pakistan and Azerbaijan reach in 2019?", "41 million", "25 million" },
        { true, "Who founded the Pakistan-Azerbaijan Friendship Society?", "Rauf Mammadov", "Tariq Hameed" },
        { false, "Who founded the Pakistan-Azerbaijan Friendship Society?", "Rauf Mammadov", "Tariq Hameed" },
    };

    [Theory]
    [MemberData(nameof(Disagreements))]
    public void ADisagreementShowsEachSourcesAnswerNewestFirst(bool semantic, string question, string newest, string older)
    {
        var answer = new Answerer(Index(semantic)).Ask(question);

        Assert.Equal(AnswerOutcome.Answered, answer.Outcome);
        Assert.Contains(newest, answer.Short);
        Assert.Equal("Indus Review", answer.Citations[0].Document.Publisher);
        var conflict = Assert.Single(answer.Conflicts);
        Assert.Contains(older, conflict.Short);
        Assert.Equal("Caspian Herald", conflict.Citation.Document.Publisher);
        Assert.Contains(conflict.Sentence, conflict.Citation.Quote);

        var markdown = MarkdownRenderer.Render(answer);
        Assert.Contains(ReplyText.For(Language.English).SourcesDiffer, markdown);
        Assert.Contains(conflict.Sentence, markdown);
        var json = JsonContract.Answer(answer);
        Assert.Equal("Caspian Herald", json["conflicts"]![0]!["citation"]!["publisher"]!.GetValue<string>());
        Assert.Equal(conflict.Short, json["conflicts"]![0]!["short"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true, "When did the Azerbaijani cultural centre in Islamabad open?", "9 June 2014")]
    [InlineData(false, "When did the Azerbaijani cultural centre in Islamabad open?", "9 June 2014")]
    [InlineData(true, "When did the direct cargo route between Karachi and Baku start?", "March 2018")]
    [InlineData(false, "When did the direct cargo route between Karachi and Baku start?", "March 2018")]
    public void DatesAtDifferentPrecisionsAgreeTheFinerIsShownAndBothCited(bool semantic, string question, string finer)
    {
        var answer = new Answerer(Index(semantic)).Ask(question);

        Assert.Equal(AnswerOutcome.Answered, answer.Outcome);
        Assert.Equal(finer, answer.Short);
        Assert.Empty(answer.Conflicts);
        Assert.Equal(["Caspian Herald", "Indus Review"], answer.Citations.Select(c => c.Document.Publisher).Order());
        Assert.Empty(JsonContract.Answer(answer)["conflicts"]!.AsArray());
    }

    [Fact]
    public void OneDocumentNeverDisagreesWithItself()
    {
        var answers = new[] { "When did Pakistan recognize Azerbaijan?", "How much was bilateral trade?", "Who opened the photo exhibition?" }
            .Select(q => new Answerer(Seed.Index).Ask(q));
        Assert.All(answers, a => Assert.Empty(a.Conflicts));
    }

    [Fact]
    public void TheTimelineMarksTheEventWhoseDatesDifferAndGroupsThoseThatAgree()
    {
        var entries = TimelineBuilder.Build(Lexical.Value);
        TimelineEntry Of(string words, string publisher) => Assert.Single(entries, e => e.Quote.Contains(words) && e.Citation.Document.Publisher == publisher);

        var (commissionA, commissionB) = (Of("commission", "Caspian Herald"), Of("commission", "Indus Review"));
        Assert.NotNull(commissionA.Group);
        Assert.Equal(commissionA.Group, commissionB.Group);
        Assert.True(commissionA.Differs && commissionB.Differs);

        foreach (var words in new[] { "cultural centre", "cargo route" })
        {
            var (a, b) = (Of(words, "Caspian Herald"), Of(words, "Indus Review"));
            Assert.NotNull(a.Group);
            Assert.Equal(a.Group, b.Group);
            Assert.False(a.Differs || b.Differs, words);
        }

        // Different events are not grouped, and only the differing event is marked.
        Assert.Equal(3, entries.Where(e => e.Group is not null).Select(e => e.Group).Distinct().Count());
        Assert.Null(Of("students", "Steppe Times").Group);
        Assert.Contains("(sources differ)", MarkdownRenderer.Render(entries));
        var json = JsonContract.Timeline(entries);
        Assert.Equal(2, json.Count(e => e!["differs"]!.GetValue<bool>()));
    }

    [Fact]
    public void TheSeedArticleHasNoGroupsAndNoMarks()
    {
        var entries = TimelineBuilder.Build(Seed.Lexical);
        Assert.All(entries, e => Assert.True(e.Group is null && !e.Differs));
    }

    [Fact]
    public void ADisagreementIsShownInTheRepliesLanguage()
    {
        var answer = new Answerer(Lexical.Value).Ask("When did the joint economic commission hold its first meeting?") with { Language = Language.Azerbaijani };

        var markdown = MarkdownRenderer.Render(answer);
        Assert.Contains(ReplyText.For(Language.Azerbaijani).SourcesDiffer, markdown);
        Assert.DoesNotContain(ReplyText.For(Language.English).SourcesDiffer, markdown);
        Assert.Contains("14 mart 2016", markdown);
        Assert.Contains(answer.Conflicts[0].Sentence, markdown);
    }
}

/// <summary>Discord and Teams show the sources that differ, each with its short answer, sentence and citation.</summary>
public sealed class ConflictSurfaceTests
{
    private static readonly Lazy<LuceneIndex> Index = new(() => LuceneIndex.BuildInMemory(KnowledgeLoader.Load(TestPaths.Data("conflicts"))));

    private static Answer Ask(string question) => new Answerer(Index.Value).Ask(question);

    [Fact]
    public void DiscordShowsEachDifferingSourceInAField()
    {
        var answer = Ask("When did the joint economic commission hold its first meeting?");
        var fields = PakAzBot.Discord.DiscordMessages.Answer(answer, ephemeral: false)["embeds"]![0]!["fields"]!.AsArray();

        var differ = Assert.Single(fields, f => f!["name"]!.GetValue<string>().StartsWith(PakAzBot.Discord.DiscordMessages.Escape(ReplyText.For(Language.English).SourcesDiffer), StringComparison.Ordinal))!;
        Assert.Contains("14 March 2016", differ["name"]!.GetValue<string>());
        Assert.Contains("Caspian Herald", differ["value"]!.GetValue<string>());
        Assert.True(differ["value"]!.GetValue<string>().Length <= 1024);
    }

    [Fact]
    public void DiscordAndTeamsCiteTheSourcesThatAgree()
    {
        var answer = Ask("When did the direct cargo route between Karachi and Baku start?");
        var also = ReplyText.For(Language.English).AlsoSays;

        var fields = PakAzBot.Discord.DiscordMessages.Answer(answer, ephemeral: false)["embeds"]![0]!["fields"]!.AsArray();
        Assert.Contains(fields, f => f!["name"]!.GetValue<string>() == also && f["value"]!.GetValue<string>().Contains("Indus Review"));
        var card = PakAzBot.Tests.Teams.TeamsTests.Card(PakAzBot.Teams.TeamsCards.Answer(answer)).ToJsonString();
        Assert.Contains(also, card);
        Assert.Contains("Indus Review", card);
    }

    [Fact]
    public void TeamsShowsEachDifferingSourcesSentenceAndCitation()
    {
        var answer = Ask("Who founded the Pakistan-Azerbaijan Friendship Society?");
        var card = PakAzBot.Tests.Teams.TeamsTests.Card(PakAzBot.Teams.TeamsCards.Answer(answer));
        var texts = card.ToJsonString(JsonContract.Compact);

        Assert.Contains(ReplyText.For(Language.English).SourcesDiffer, texts);
        Assert.Contains("Tariq Hameed", texts);
        Assert.Contains(answer.Conflicts[0].Sentence, texts);
        Assert.Contains("Caspian Herald", texts);
    }
}

/// <summary>The timeline on every surface marks an event its documents date differently.</summary>
public sealed class ConflictTimelineSurfaceTests
{
    private static readonly Lazy<IReadOnlyList<TimelineEntry>> Entries = new(() =>
        TimelineBuilder.Build(LuceneIndex.BuildInMemory(KnowledgeLoader.Load(TestPaths.Data("conflicts")))));

    private static readonly string Mark = ReplyText.For(Language.English).SourcesDifferMark;

    [Fact]
    public void DiscordAndTeamsMarkTheEventWhoseSourcesDiffer()
    {
        var differing = Entries.Value.Count(e => e.Differs);
        Assert.Equal(2, differing);

        var discord = PakAzBot.Discord.DiscordMessages.TimelinePage(Entries.Value, new PakAzBot.Discord.TimelineState(0, null, null, null)).ToJsonString(JsonContract.Compact);
        var teams = PakAzBot.Teams.TeamsCards.Timeline(Entries.Value, new PakAzBot.Teams.TimelinePage(0, null, null, null)).ToJsonString(JsonContract.Compact);

        // Both commission statements are on the first page (the timeline's earliest events) and each is marked.
        Assert.Equal(differing, Regex.Count(discord, Regex.Escape(Mark)));
        Assert.True(Regex.Count(teams, Regex.Escape(Mark)) >= differing);
    }
}
