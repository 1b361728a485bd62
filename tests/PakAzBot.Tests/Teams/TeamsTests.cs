using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PakAzBot.Teams;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Teams;

[Collection(HostCollection.Name)]
public sealed partial class TeamsTests : IAsyncLifetime
{
    private const string BotId = "28:" + FakeBotFramework.AppId;
    private const string Moderator = "00000000-0000-0000-0000-0000000000aa";
    private const string ChannelConversation = "19:abc123@thread.tacv2;messageid=1690000000000";

    private FakeBotFramework _framework = null!;
    private long _nextActivityId = 1690000000001;
    private TestBot _bot = null!;

    private sealed class FakeTokens : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("outbound-test-token");
    }

    public async Task InitializeAsync()
    {
        _framework = await FakeBotFramework.StartAsync();
        _bot = await StartBot(_framework.Settings.Append($"Teams:ModeratorIds:0={Moderator}").Append("RateLimit:PermitLimit=1000").ToArray());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _framework.DisposeAsync();
    }

    private static Task<TestBot> StartBot(params string[] settings) =>
        TestBot.StartAsync(false, true, services => services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider, FakeTokens>()), settings);

    // Shaped like the message activities Teams sends ("Bot Framework Activity schema", "Conversation basics" in the Teams docs).
    private JsonObject Message(string text, string conversationId = "a:1personal-chat", bool mention = true, JsonObject? value = null, string channelId = "msteams") => new()
    {
        ["type"] = "message",
        ["id"] = (_nextActivityId++).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["timestamp"] = "2026-11-27T10:00:00.000Z",
        ["serviceUrl"] = _framework.BaseUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = "29:user-id", ["name"] = "Amina", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000bb" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "channel" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PakAzBot" },
        ["text"] = mention ? $"<at>PakAzBot</at> {text}" : text,
        ["entities"] = mention
            ? new JsonArray { new JsonObject { ["type"] = "mention", ["text"] = "<at>PakAzBot</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "PakAzBot" } } }
            : new JsonArray(),
        ["value"] = value,
    };

    private async Task<HttpResponseMessage> Post(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TeamsExtensions.Route) { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _bot.Client.SendAsync(request);
    }

    private async Task<JsonObject> Exchange(JsonObject activity)
    {
        var before = _framework.Replies.Count(r => r.Status == 200);
        var response = await Post(activity, _framework.ChannelToken(_framework.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await _framework.WaitForRepliesAsync(before + 1))[before];
    }

    internal static JsonObject Card(JsonObject reply)
    {
        var attachment = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.AsObject();
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        return card;
    }

    internal static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "TextBlock" ? [o["text"]!.GetValue<string>()] : Enumerable.Empty<string>())
            .Concat(o.Where(p => p.Key != "text").SelectMany(p => Texts(p.Value))),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    [Theory]
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", "en-US")]
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", null)]
    // The client's locale decides only for a question too short to tell its language.
    [InlineData("1992?", "az-Latn-AZ")]
    public async Task AnAzerbaijaniQuestionGetsAnAzerbaijaniCard(string question, string? locale)
    {
        var activity = Message(question, ChannelConversation);
        if (locale is not null)
        {
            activity["locale"] = locale;
        }

        var reply = await Exchange(activity);

        TeamsLanguageTests.AssertSpeaks(PakAzBot.Core.Languages.Language.Azerbaijani, Card(reply));
    }

    [Fact]
    public async Task AMentionInAChannelGetsACitedDatedCardThroughTheConnector()
    {
        var reply = await Exchange(Message("When did Pakistan recognize Azerbaijan?", ChannelConversation));

        var (rawTarget, authorization, _, _) = _framework.Replies.Single(r => r.Status == 200);
        Assert.Equal("/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1690000000000/activities/1690000000001", rawTarget);
        Assert.Equal("Bearer outbound-test-token", authorization);
        Assert.Equal("1690000000001", reply["replyToId"]!.GetValue<string>());
        var card = Card(reply);
        var texts = Texts(card["body"]).ToList();
        Assert.Equal("12 December 1991", texts[0]);
        Assert.Contains("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", texts);
        var facts = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("The Diplomatic Insight", facts["Source"]);
        Assert.Equal("11 June 2022", facts["Published"]);
        Assert.Equal("Bilateral Relations", facts["Section"]);
        Assert.Equal("¶7", facts["Paragraph"]);
        Assert.Equal("12 December 1991", facts["Event date"]);
        var actions = card["actions"]!.AsArray();
        Assert.Equal("source", actions[0]!["data"]!["action"]!.GetValue<string>());
        Assert.Equal("tdi-2022-06-11-pakistan-azerbaijan-30-years#7", actions[0]!["data"]!["passage"]!.GetValue<string>());
        Assert.True(reply.ToJsonString().Length < 20_000);
    }

    [Theory]
    [InlineData("<at>PakAzBot</at> when did pakistan recognise azerbaijan", "when did pakistan recognise azerbaijan")]
    [InlineData("when did <at>PakAzBot</at> pakistan recognise azerbaijan", "when did pakistan recognise azerbaijan")]
    [InlineData("<at>PakAzBot</at> what&#39;s the JMC?", "what's the JMC?")]
    [InlineData("<at>PakAzBot</at> <at>Someone</at> asked: <p>who signed the <b>1995</b> agreement?</p>", "asked: who signed the 1995 agreement?")]
    [InlineData("<at>PakAzBot</at>&nbsp;hi there, can you tell me when did pakistan recognise azerbaijan? thanks", "when did pakistan recognise azerbaijan?")]
    public void StripsMentionsMarkupAndChatter(string text, string expected)
    {
        var activity = Message("", mention: true);
        activity["text"] = text;
        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>Someone</at>", ["mentioned"] = new JsonObject { ["id"] = "29:someone" } });

        Assert.Equal(expected, TeamsBot.WithoutBotMention(System.Text.Json.JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    [Fact]
    public void StripsTheBotsMentionByItsEntityWhereTheChannelDoesNotWrapItInAt()
    {
        var activity = Message("", mention: true, channelId: "emulator");
        activity["text"] = "@PakAzBot when did pakistan recognise azerbaijan";
        activity["entities"]![0]!["text"] = "@PakAzBot";

        Assert.Equal("when did pakistan recognise azerbaijan", TeamsBot.WithoutBotMention(System.Text.Json.JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    public static TheoryData<string> BadTokens => new()
    {
        "none", "alg none", "expired", "wrong audience", "wrong issuer", "unknown key", "other serviceurl", "no serviceurl", "not endorsed",
        "emulator for other app", "garbage", "other tenant v1", "other tenant v2", "tenant token for other app",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task RefusesEveryTokenThatIsNotTheConnectors(string kind)
    {
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var activity = Message("When did Pakistan recognize Azerbaijan?");
        var token = kind switch
        {
            "none" => null,
            "alg none" => UnsignedToken(),
            "expired" => _framework.ChannelToken(_framework.BaseUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => _framework.ChannelToken(_framework.BaseUrl, audience: "another-app"),
            "wrong issuer" => _framework.ChannelToken(_framework.BaseUrl, issuer: "https://evil.example"),
            "unknown key" => _framework.ChannelToken(_framework.BaseUrl, key: stranger, keyId: "stranger"),
            "other serviceurl" => _framework.ChannelToken("https://attacker.example/"),
            "no serviceurl" => _framework.ChannelToken(serviceUrl: null),
            "other tenant v1" => _framework.TenantToken(tenantId: "0badbad0-0000-4000-8000-000000000000"),
            "other tenant v2" => _framework.TenantToken(tenantId: "0badbad0-0000-4000-8000-000000000000", v2: true),
            "tenant token for other app" => _framework.TenantToken(appId: "another-app"),
            "emulator for other app" => _framework.EmulatorToken(appId: "another-app"),
            "garbage" => "not.a.jwt",
            _ => _framework.ChannelToken(_framework.BaseUrl),
        };
        if (kind == "not endorsed")
        {
            activity["channelId"] = "slack";
        }

        if (kind == "no serviceurl")
        {
            // The SDK refuses a channel token without the claim even when there is nothing to compare it with.
            activity.Remove("serviceUrl");
        }

        var response = await Post(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(_framework.Replies);
    }

    [Fact]
    public async Task AcceptsATokenSignedWithAKeyThatRolledInAfterStart()
    {
        var first = await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        _framework.PublishRolledKey = true;

        var response = await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl, key: _framework.RolledKey, keyId: "rolled-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsEmulatorTokensAsTheSdkDoes()
    {
        var activity = Message("Who is the Azerbaijani ambassador?", channelId: "emulator");

        var response = await Post(activity, _framework.EmulatorToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Khazar Farhadov", Texts(Card((await _framework.WaitForRepliesAsync(1))[0])["body"]).First());
    }

    [Fact]
    public async Task AnActivityWithoutATypeIsABadRequestAndUnknownTypesAreIgnored()
    {
        var untyped = Message("hi");
        untyped.Remove("type");
        var typing = Message("hi");
        typing["type"] = "typing";

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(untyped, _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(typing, _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
        await Task.Delay(200);
        Assert.Empty(_framework.Replies);
    }

    [Fact]
    public async Task HelpSourcesAndTimelineCommands()
    {
        var help = Card(await Exchange(Message("help")));
        var sources = Card(await Exchange(Message("sources")));
        var timeline = Card(await Exchange(Message("timeline 2014 2021 defence")));

        Assert.Equal("How to use PakAzBot", Texts(help["body"]).First());
        Assert.Contains("24 paragraphs", sources.ToJsonString(), StringComparison.Ordinal);
        var dates = Texts(timeline["body"]).Where(t => t is "February 2014" or "2018" or "12 September 2021" or "the 2010s").ToList();
        Assert.Equal(["the 2010s", "February 2014", "2018", "12 September 2021"], dates);
    }

    [Fact]
    public async Task TheTimelineCardShowsThePictureFromThePublicAddressWhenThereIsOne()
    {
        var without = Card(await Exchange(Message("timeline 2014 2021 defence")));
        Assert.DoesNotContain(without["body"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "Image");

        await _bot.DisposeAsync();
        _bot = await StartBot(_framework.Settings.Append("Web:PublicUrl=https://bot.example.org/").ToArray());
        var card = Card(await Exchange(Message("timeline 2014 2021 defence")));

        var image = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "Image")!;
        var url = image["url"]!.GetValue<string>();
        Assert.Equal("https://bot.example.org/api/timeline.png?from=2014&to=2021&topic=defence", url);
        Assert.StartsWith("The timeline as a picture: 4 dated statements", image["altText"]!.GetValue<string>(), StringComparison.Ordinal);
        var png = await _bot.Client.GetByteArrayAsync(new Uri(url).PathAndQuery);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }

    [Fact]
    public async Task TimelineButtonsPageThroughWithoutState()
    {
        var first = Card(await Exchange(Message("timeline")));
        var next = first["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>().StartsWith("Later", StringComparison.Ordinal))!["data"]!.AsObject();

        var second = Card(await Exchange(Message("", mention: false, value: JsonNode.Parse(next.ToJsonString())!.AsObject())));

        Assert.Contains("Page 1 of 3", Texts(first["body"]).Last(), StringComparison.Ordinal);
        Assert.Contains("Page 2 of 3", Texts(second["body"]).Last(), StringComparison.Ordinal);
        Assert.Equal("timeline", next["action"]!.GetValue<string>());
        Assert.Equal(1, next["page"]!.GetValue<int>());
    }

    // Action.Submit values this bot's cards never send: the page as a string, a fraction, an object; other odd fields.
    public static TheoryData<string> OddCardValues => new()
    {
        """{"action":"timeline","page":"2"}""",
        """{"action":"timeline","page":2.5}""",
        """{"action":"timeline","page":1e400}""",
        """{"action":"timeline","page":{"n":2}}""",
        """{"action":"timeline","page":[2],"from":5,"to":{},"topic":[]}""",
        """{"action":"timeline","page":-7,"from":"banana"}""",
        """{"action":"source","passage":5}""",
        """{"action":"feedback","vote":"up","passage":["x"],"question":7}""",
        """{"action":["timeline"]}""",
        """{"action":"pick","passage":"no-such-document#2","question":"When?"}""",
        """{"action":"pick","passage":"tdi-2022-06-11-pakistan-azerbaijan-30-years#11"}""",
        """{"action":"pick","passage":"tdi-2022-06-11-pakistan-azerbaijan-30-years#11","question":"<b></b>"}""",
        """{"action":"pick","passage":7,"question":"When?"}""",
        """{"action":"none","question":["When?"]}""",
        """{"action":"none"}""",
    };

    [Theory]
    [MemberData(nameof(OddCardValues))]
    public async Task ACardActionOfAnUnexpectedShapeGetsAPoliteReply(string value)
    {
        var reply = await Exchange(Message("", mention: false, value: JsonNode.Parse(value)!.AsObject()));

        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>() ?? reply["summary"]?.GetValue<string>()));
    }

    // Fields of an authenticated activity with types the Activity schema does not give them.
    public static TheoryData<string, string> OddActivityFields => new()
    {
        { "text", "5" },
        { "entities", "{\"type\":\"mention\"}" },
        { "entities", "[5,\"x\",{\"type\":\"mention\",\"mentioned\":\"x\",\"text\":7}]" },
        { "from", "\"x\"" },
        { "recipient", "[]" },
        { "value", "\"timeline\"" },
        { "membersAdded", "{}" },
    };

    [Theory]
    [MemberData(nameof(OddActivityFields))]
    public async Task AnAuthenticatedActivityWithOddFieldsIsNeverAServerError(string field, string json)
    {
        var activity = Message("help");
        activity[field] = JsonNode.Parse(json);

        var response = await Post(activity, _framework.ChannelToken(_framework.BaseUrl));

        Assert.InRange((int)response.StatusCode, 200, 499);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task CardActionsShowTheSourceAndRecordFeedback()
    {
        var log = Path.Combine(Path.GetTempPath(), $"pakazbot-teams-feedback-{Guid.NewGuid():N}.db");
        await using var bot = await StartBot(_framework.Settings.Append($"Feedback:Path={log}").ToArray());
        _bot = bot;
        var source = await Exchange(Message("", mention: false, value: new JsonObject { ["action"] = "source", ["passage"] = "tdi-2022-06-11-pakistan-azerbaijan-30-years#11" }));
        await Exchange(Message("", mention: false, value: new JsonObject { ["action"] = "feedback", ["vote"] = "up", ["passage"] = "tdi-2022-06-11-pakistan-azerbaijan-30-years#7", ["question"] = "When did Pakistan recognize Azerbaijan?" }));

        Assert.Contains("In 1998, the partnership came to an end.", Texts(Card(source)["body"]).ElementAt(1), StringComparison.Ordinal);
        var entry = Assert.Single(await new PakAzBot.Feedback.SqliteFeedbackStore(log).ReadAllAsync());
        Assert.Equal("teams", entry.Surface);
        Assert.Equal("up", entry.Vote);
        Assert.Equal("00000000-0000-0000-0000-0000000000bb", entry.UserId);
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    private static IEnumerable<JsonObject> Submits(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "Action.Submit" ? [o] : Enumerable.Empty<JsonObject>()).Concat(o.SelectMany(p => Submits(p.Value))),
        JsonArray a => a.SelectMany(Submits),
        _ => [],
    };

    /// <summary>A card button pressed on the bot's message <paramref name="card"/>, as Teams sends it back.</summary>
    private JsonObject Pressed(JsonObject data, string card)
    {
        var activity = Message("", mention: false, value: data.DeepClone().AsObject());
        activity["replyToId"] = card;
        return activity;
    }

    [Fact]
    public async Task NotSureTheCardOffersThePassagesAndAPickPostsThatPassagesAnswerRecordedWithTheCardsId()
    {
        var log = Path.Combine(Path.GetTempPath(), $"pakazbot-teams-picks-{Guid.NewGuid():N}.db");
        await using var bot = await StartBot(_framework.Settings.Append($"Feedback:Path={log}").Append("RateLimit:PermitLimit=1000").ToArray());
        _bot = bot;
        const string Question = Questions.Suggested;
        const string SuggestionsCard = "1:suggestions-card";
        const string AnswerCard = "1:picked-answer-card";

        var suggested = Card(await Exchange(Message(Question)));
        var buttons = Submits(suggested).Select(b => b["data"]!.AsObject()).ToList();
        var picks = buttons.Where(d => d["action"]!.GetValue<string>() == "pick").ToList();
        Assert.InRange(picks.Count, 1, 3);
        Assert.Equal("none", buttons[^1]["action"]!.GetValue<string>());
        var passageId = picks[0]["passage"]!.GetValue<string>();

        var answer = await Exchange(Pressed(picks[0], SuggestionsCard));
        // Second thoughts on the same card replace the first pick; votes on the answer's card count once per user.
        await Exchange(Pressed(picks[^1], SuggestionsCard));
        await Exchange(Pressed(buttons[^1], "1:another-suggestions-card"));
        var votes = Submits(Card(answer)).Select(b => b["data"]!.AsObject()).Where(d => d["action"]!.GetValue<string>() == "feedback").ToList();
        await Exchange(Pressed(votes.Single(v => v["vote"]!.GetValue<string>() == "down"), AnswerCard));
        await Exchange(Pressed(votes.Single(v => v["vote"]!.GetValue<string>() == "up"), AnswerCard));

        Assert.True(Seed.Knowledge.TryGetPassage(passageId, out var passage));
        var facts = Card(answer)["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal($"¶{passage.Number}", facts["Paragraph"]);
        Assert.Contains(Texts(Card(answer)["body"]), t => t.Length > 0 && passage.Text.Contains(t, StringComparison.Ordinal));
        Assert.Contains(Texts(Card(answer)["body"]), t => t.StartsWith("You picked this passage", StringComparison.Ordinal));

        var store = new PakAzBot.Feedback.SqliteFeedbackStore(log);
        var stored = await store.ReadPicksAsync();
        Assert.Equal(2, stored.Count);
        var pick = Assert.Single(stored, p => p.Reply == SuggestionsCard);
        Assert.Equal(("teams", "00000000-0000-0000-0000-0000000000bb", Question, picks[^1]["passage"]!.GetValue<string>()), (pick.Surface, pick.UserId, pick.Question, pick.PassageId));
        Assert.True(Assert.Single(stored, p => p.Reply == "1:another-suggestions-card").NoneOfThese);
        var vote = Assert.Single(await store.ReadAllAsync());
        Assert.Equal(("up", AnswerCard), (vote.Vote, vote.Answer));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    [Fact]
    public async Task ReindexIsForModeratorsOnly()
    {
        var refused = await Exchange(Message("reindex"));
        var moderator = Message("reindex");
        moderator["from"]!["aadObjectId"] = Moderator;
        var done = await Exchange(moderator);

        Assert.Equal("Sorry, only moderators can rebuild the index.", refused["text"]!.GetValue<string>());
        Assert.StartsWith("Nothing", done["text"]!.GetValue<string>().Replace("Reindexed", "Nothing", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WelcomesWhenTheBotIsAdded()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "f:1",
            ["serviceUrl"] = _framework.BaseUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-id" },
            ["conversation"] = new JsonObject { ["id"] = "a:1personal-chat" },
            ["recipient"] = new JsonObject { ["id"] = BotId },
            ["membersAdded"] = new JsonArray { new JsonObject { ["id"] = BotId } },
        };

        var welcome = await Exchange(update);

        Assert.Equal("Hello! I'm PakAzBot.", Texts(Card(welcome)["body"]).First());
    }

    [Fact]
    public async Task RetriesAReplyAfterA429()
    {
        _framework.RateLimitFirst = 1;

        await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl));
        var replies = await _framework.WaitForRepliesAsync(1);

        Assert.Single(replies);
        Assert.Equal([429, 200], _framework.Replies.Select(r => r.Status));
    }

    private static async Task<int> PostFrom(TestBot bot, string address, byte[] payload, params (string Name, string Value)[] headers) =>
        (await bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = "POST";
            context.Request.Path = TeamsExtensions.Route;
            context.Request.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }

            context.Request.Body = new MemoryStream(payload);
        })).Response.StatusCode;

    [Fact]
    public async Task WithoutAnAppIdEveryActivityIsRefusedUnlessAnonymousIsAllowed()
    {
        var logs = new CapturingLoggerProvider();
        await using var closed = await TestBot.StartAsync(false, true, services => services.AddSingleton<ILoggerProvider>(logs));
        var body = Encoding.UTF8.GetBytes(Message("When did Pakistan recognize Azerbaijan?").ToJsonString());

        Assert.Equal(401, await PostFrom(closed, "127.0.0.1", body));
        await Task.Delay(200);
        Assert.Empty(_framework.Replies);
        Assert.Contains(logs.Entries, e => e.Event.Name == "TeamsActivityRefused" && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task WithAnonymousAllowedOnlyUnproxiedLoopbackCallersAreServedAndRepliesAreUnsigned()
    {
        await using var open = await StartBot("Teams:AllowAnonymous=true");
        var body = Encoding.UTF8.GetBytes(Message("When did Pakistan recognize Azerbaijan?").ToJsonString());

        Assert.Equal(401, await PostFrom(open, "203.0.113.7", body));
        Assert.Equal(401, await PostFrom(open, "127.0.0.1", body, ("X-Forwarded-For", "203.0.113.7")));
        Assert.Equal(401, await PostFrom(open, "127.0.0.1", body, ("Forwarded", "for=203.0.113.7")));
        Assert.Equal(401, await PostFrom(open, "127.0.0.1", body, ("X-Real-IP", "203.0.113.7")));
        await Task.Delay(200);
        Assert.Empty(_framework.Replies);

        Assert.Equal(200, await PostFrom(open, "127.0.0.1", body));
        var reply = await _framework.WaitForRepliesAsync(1);
        Assert.Single(reply);
        Assert.Equal("", _framework.Replies.Single().Authorization);
        var elsewhere = Message("When did Pakistan recognize Azerbaijan?");
        elsewhere["id"] = "1690000000002";
        elsewhere["serviceUrl"] = "https://attacker.example/";
        Assert.Equal(400, await PostFrom(open, "127.0.0.1", Encoding.UTF8.GetBytes(elsewhere.ToJsonString())));
    }

    [Fact]
    public async Task AnonymousIsRefusedFromALoopbackProxyEvenWhenItIsATrustedOne()
    {
        // The forwarded-headers middleware replaces a trusted proxy's address with the client's and keeps the
        // original in X-Original-For: neither may pass as a local caller.
        await using var open = await StartBot("Teams:AllowAnonymous=true", "Proxy:KnownProxies:0=127.0.0.1");
        var body = Encoding.UTF8.GetBytes(Message("When did Pakistan recognize Azerbaijan?").ToJsonString());

        Assert.Equal(401, await PostFrom(open, "127.0.0.1", body, ("X-Forwarded-For", "203.0.113.7")));
        Assert.Equal(401, await PostFrom(open, "127.0.0.1", body, ("X-Forwarded-For", "127.0.0.1")));
        await Task.Delay(200);
        Assert.Empty(_framework.Replies);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AcceptsTokensFromTheBotsOwnTenantAsTheSdksDo(bool v2)
    {
        var response = await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.TenantToken(v2: v2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _framework.WaitForRepliesAsync(1));
    }

    [Fact]
    public async Task AMultiTenantBotRefusesTenantTokens()
    {
        await using var bot = await StartBot(_framework.Settings.Where(s => !s.StartsWith("Teams:TenantId", StringComparison.Ordinal)).Append("Teams:AppType=MultiTenant").ToArray());
        _bot = bot;

        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.TenantToken())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
    }

    [Fact]
    public async Task TheReasonForARefusedTokenIsLoggedButNeverTheToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await TestBot.StartAsync(false, true, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider, FakeTokens>());
            services.AddSingleton<ILoggerProvider>(logs);
        }, _framework.Settings);
        _bot = bot;
        var wrongAudience = _framework.ChannelToken(_framework.BaseUrl, audience: "another-app");
        var otherTenant = _framework.TenantToken(tenantId: "0badbad0-0000-4000-8000-000000000000");

        await Post(Message("hi"), wrongAudience);
        await Post(Message("hi"), otherTenant);

        var refused = logs.Entries.Where(e => e.Event.Name == "TeamsActivityRefused").ToList();
        Assert.Equal(2, refused.Count);
        var reasons = refused.Select(e => e.State.Single(p => p.Key == "Reason").Value as string).ToList();
        Assert.Contains("another-app", reasons[0], StringComparison.Ordinal);
        Assert.Contains("0badbad0-0000-4000-8000-000000000000", reasons[1], StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(wrongAudience, StringComparison.Ordinal) || e.Message.Contains(otherTenant, StringComparison.Ordinal)
            || e.Message.Contains(wrongAudience.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachQuestionGetsExactlyOneMessageTheCardWithASummaryAndNoText()
    {
        await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl));
        await _framework.WaitForRepliesAsync(1);
        await Task.Delay(500);

        var reply = Assert.Single(_framework.Replies).Activity;
        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.Null(reply["text"]);
        Assert.Single(reply["attachments"]!.AsArray());
        var card = Card(reply);
        Assert.StartsWith("12 December 1991", reply["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("**", reply["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Pakistan became the second country to recognize Azerbaijan", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCardReplyIsOneMessageWithoutText()
    {
        foreach (var command in new[] { "help", "sources", "timeline", "what is the capital of France?" })
        {
            var reply = await Exchange(Message(command));
            Assert.Null(reply["text"]);
            Assert.False(string.IsNullOrWhiteSpace(reply["summary"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(Card(reply)["fallbackText"]!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("<p>When did Pakistan recognize Azerbaijan?</p>")]
    [InlineData("<at>Amina</at> <b>When</b> did Pakistan recognize Azerbaijan?")]
    [InlineData("ask <p>When did Pakistan recognize Azerbaijan?</p>")]
    public async Task HtmlAndOtherPeoplesMentionsDoNotSpoilTheQuestion(string text)
    {
        var activity = Message(text);
        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>Amina</at>", ["mentioned"] = new JsonObject { ["id"] = "29:amina" } });

        var card = Card(await Exchange(activity));

        Assert.Equal("12 December 1991", Texts(card["body"]).First());
    }

    [Fact]
    public async Task TheAskCommandAsksWhatFollowsIt()
    {
        var asked = Card(await Exchange(Message("ask When did Pakistan recognize Azerbaijan?")));

        Assert.Equal("12 December 1991", Texts(asked["body"]).First());
    }

    [Fact]
    public async Task AnActivityAlreadyTakenIsAcknowledgedButNotAnsweredAgain()
    {
        var activity = Message("When did Pakistan recognize Azerbaijan?");

        Assert.Equal(HttpStatusCode.OK, (await Post(activity, _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(activity, _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
        activity["id"] = "1690000000099";
        Assert.Equal(HttpStatusCode.OK, (await Post(activity, _framework.ChannelToken(_framework.BaseUrl))).StatusCode);
        await _framework.WaitForRepliesAsync(2);
        await Task.Delay(500);

        Assert.Equal(["1690000000001", "1690000000099"], _framework.Replies.Select(r => r.Activity["replyToId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task AServiceUrlThatHangsDelaysNoOtherServiceUrl()
    {
        await using var stuck = await FakeBotFramework.StartAsync();
        stuck.ConnectorDelay = TimeSpan.FromMinutes(10);
        var toStuck = Message("When did Pakistan recognize Azerbaijan?");
        toStuck["serviceUrl"] = stuck.BaseUrl;
        toStuck["id"] = "1690000000050";
        Assert.Equal(HttpStatusCode.OK, (await Post(toStuck, _framework.ChannelToken(stuck.BaseUrl))).StatusCode);
        await Task.Delay(300);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Post(Message("When did Pakistan recognize Azerbaijan?"), _framework.ChannelToken(_framework.BaseUrl));
        var replies = await _framework.WaitForRepliesAsync(1, seconds: 20);
        clock.Stop();

        Assert.Single(replies);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    private static string UnsignedToken()
    {
        static string Part(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part($"{{\"iss\":\"{BotFrameworkAuth.ChannelIssuer}\",\"aud\":\"{FakeBotFramework.AppId}\",\"exp\":{now + 600}}}") + ".";
    }
}
