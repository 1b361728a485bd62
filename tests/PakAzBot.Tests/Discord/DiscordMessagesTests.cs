using System.Text.Json.Nodes;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Discord;
using PakAzBot.Search;

namespace PakAzBot.Tests.Discord;

public sealed class DiscordMessagesTests
{
    [Fact]
    public void AnOversizedAnswerStaysWithinDiscordsLimits()
    {
        using var folder = new TempFolder();
        var sentence = "On 3 January 2023, the two sides signed a long agreement about " + string.Join(", ", Enumerable.Range(1, 40).Select(i => $"clause {i} of the energy protocol")) + ".";
        var paragraph = string.Join(" ", Enumerable.Repeat(sentence, 6));
        folder.Write("long.md", "---\nid: long\ntitle: " + new string('T', 300) + "\npublisher: Test Wire\npublished: 2023-01-05\nlanguage: en\n---\n\n## " + new string('S', 300) + "\n\n" + paragraph + "\n");
        using var index = LuceneIndex.BuildInMemory(KnowledgeLoader.Load(folder.Path));
        var answer = new Answerer(index).Ask("When did the two sides sign the energy protocol agreement? " + new string('x', 400));

        var message = DiscordMessages.Answer(answer, ephemeral: false);
        var passage = DiscordMessages.Passage(answer.Citations[0]);

        foreach (var embed in new[] { message, passage }.Select(m => m["embeds"]![0]!.AsObject()))
        {
            var description = embed["description"]!.GetValue<string>();
            Assert.InRange(description.Length, 1, DiscordMessages.DescriptionLimit);
            Assert.True(Total(embed) <= DiscordMessages.EmbedTotalLimit, $"embed has {Total(embed)} characters");
            Assert.All(embed["fields"]?.AsArray() ?? [], f => Assert.InRange(f!["value"]!.GetValue<string>().Length, 1, DiscordMessages.FieldValueLimit));
            Assert.InRange(embed["author"]?["name"]?.GetValue<string>().Length ?? 0, 0, DiscordMessages.TitleLimit);
        }

        var cut = passage["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.EndsWith(". …", cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short enough.", 50, "Short enough.")]
    [InlineData("First sentence here. Second sentence is far too long to fit.", 40, "First sentence here. …")]
    [InlineData("one two three four five six seven eight nine ten", 20, "one two three four …")]
    public void FitCutsAtASentenceBoundaryWithAnEllipsis(string text, int limit, string expected)
    {
        var fitted = DiscordMessages.Fit(text, limit);

        Assert.Equal(expected, fitted);
        Assert.True(fitted.Length <= limit);
    }

    [Fact]
    public void EscapesWhatDiscordMarkdownWouldFormat()
    {
        Assert.Equal(@"\*bold\* \_it\_ \~\~s\~\~ \`code\` \|\|spoiler\|\| \> quote \# h \[link\]\(x\)", DiscordMessages.Escape("*bold* _it_ ~~s~~ `code` ||spoiler|| > quote # h [link](x)"));
    }

    [Fact]
    public void TimelineButtonIdsStayWithin100CharactersAndRoundTrip()
    {
        var state = new TimelineState(3, "1991", "2022-06", new string('t', 200));

        var id = state.ToCustomId();

        Assert.True(id.Length <= DiscordMessages.CustomIdLimit);
        var back = TimelineState.Parse(id)!;
        Assert.Equal((3, "1991", "2022-06"), (back.Page, back.From, back.To));
        Assert.StartsWith("ttt", back.Topic, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCheckedInCommandsAreTheOnesInCode()
    {
        var checkedIn = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "deploy", "discord", "commands.json")));

        Assert.True(JsonNode.DeepEquals(DiscordCommands.Definitions(), checkedIn), "deploy/discord/commands.json is stale: run 'pakazbot discord commands > deploy/discord/commands.json'");
    }

    [Fact]
    public void CommandDefinitionsRespectDiscordsRules()
    {
        foreach (var command in DiscordCommands.Definitions().Select(c => c!.AsObject()))
        {
            var name = command["name"]!.GetValue<string>();
            if (command["type"]!.GetValue<int>() == 1)
            {
                Assert.Matches("^[-_a-z0-9]{1,32}$", name);
                Assert.InRange(command["description"]!.GetValue<string>().Length, 1, 100);
            }
            else
            {
                Assert.InRange(name.Length, 1, 32);
                Assert.Null(command["description"]);
            }

            // Declared, not left to Discord's defaults, and only documented values.
            Assert.All(command["contexts"]!.AsArray(), c => Assert.InRange(c!.GetValue<int>(), 0, 2));
            Assert.All(command["integration_types"]!.AsArray(), t => Assert.InRange(t!.GetValue<int>(), 0, 1));
        }
    }

    [Fact]
    public void ReindexIsOfferedOnlyInServersThatInstalledTheApp()
    {
        var reindex = DiscordCommands.Definitions().Single(c => c!["name"]!.GetValue<string>() == DiscordCommands.Reindex)!;

        Assert.Equal([DiscordCommands.GuildContext], reindex["contexts"]!.AsArray().Select(c => c!.GetValue<int>()));
        Assert.Equal([DiscordCommands.GuildInstall], reindex["integration_types"]!.AsArray().Select(c => c!.GetValue<int>()));
    }

    private static int Total(JsonObject embed) =>
        (embed["title"]?.GetValue<string>().Length ?? 0) + embed["description"]!.GetValue<string>().Length
        + (embed["author"]?["name"]?.GetValue<string>().Length ?? 0) + (embed["footer"]?["text"]?.GetValue<string>().Length ?? 0)
        + (embed["fields"]?.AsArray().Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length) ?? 0);
}

[Collection(Host.HostCollection.Name)]
public sealed class DiscordRegistrationTests
{
    [Fact]
    public async Task RegisterPutsTheCommandsAndRetriesAfterA429()
    {
        await using var discord = await FakeDiscordApi.StartAsync();
        discord.RateLimitFirst = 1;
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["discord", "register", "--guild", "4242",
            "--Discord:ApplicationId=1011121314151617181", "--Discord:BotToken=test-bot-token", $"--Discord:ApiBaseUrl={discord.BaseUrl}"],
            TextReader.Null, output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal("Registered 7 command(s) in server 4242: ask, timeline, sources, reindex, add-document, remove-document, Ask PakAzBot\n", output.ToString());
        var requests = discord.Requests.ToList();
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.All(requests, r =>
        {
            Assert.Equal("PUT", r.Method);
            Assert.Equal("/api/v10/applications/1011121314151617181/guilds/4242/commands", r.Path);
            Assert.Equal("Bot test-bot-token", r.Authorization);
            Assert.Equal(DiscordRestClient.UserAgent, r.UserAgent);
            Assert.StartsWith("DiscordBot (https://", r.UserAgent, StringComparison.Ordinal);
            Assert.True(JsonNode.DeepEquals(DiscordCommands.Definitions(), JsonNode.Parse(r.Body)));
        });
    }

    [Fact]
    public void RegisterWithoutTheSettingsSaysWhichIsMissing()
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["discord", "register", "--Discord:ApplicationId=1011121314151617181"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("Discord:BotToken is not set", error.ToString(), StringComparison.Ordinal);
    }
}
