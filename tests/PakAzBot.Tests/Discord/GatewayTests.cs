using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Discord;
using PakAzBot.Discord.Gateway;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Discord;

/// <summary>The Gateway client against a scripted fake Gateway and a fake REST API, inside the real host.</summary>
[Collection(HostCollection.Name)]
public sealed class GatewayTests : IAsyncLifetime
{
    private const string Guild = "290926798626357999";
    private const string Channel = "645027906669510667";
    private const string UserId = "123456789012345678";
    private static long _nextId = 1_100_000_000_000_000_000;

    private FakeDiscordApi _rest = null!;
    private FakeGateway _gateway = null!;
    private TestBot? _bot;

    internal static GatewayTimings ShortTimings => new()
    {
        InvalidSessionWaitMin = TimeSpan.FromMilliseconds(300),
        InvalidSessionWaitMax = TimeSpan.FromMilliseconds(400),
        ReconnectFirst = TimeSpan.FromMilliseconds(50),
        ReconnectMax = TimeSpan.FromMilliseconds(200),
        IdentifyWindow = TimeSpan.FromMilliseconds(10),
        TypingAfter = TimeSpan.FromSeconds(1),
        MaxFrameBytes = 1024 * 1024,
    };

    public async Task InitializeAsync()
    {
        _rest = await FakeDiscordApi.StartAsync();
        _gateway = await FakeGateway.StartAsync();
        _rest.Answer = (method, path) => method == "GET" && path.EndsWith("/gateway/bot", StringComparison.Ordinal) ? _gateway.GatewayBot() : null;
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _gateway.DisposeAsync();
        await _rest.DisposeAsync();
    }

    private async Task<FakeGatewayConnection> StartAsync(int heartbeatMs = 1000)
    {
        _bot = await TestBot.StartAsync(false, true, services => services.AddSingleton(ShortTimings),
            "Discord:BotToken=test-bot-token", $"Discord:ApiBaseUrl={_rest.BaseUrl}", "RateLimit:PermitLimit=1000");
        var connection = await _gateway.NextAsync();
        await connection.HelloAsync(heartbeatMs);
        var identify = await connection.ReceiveAsync();
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        await connection.ReadyAsync(_gateway.Url);
        return connection;
    }

    private static JsonObject Message(string content, string? guild = Guild, bool bot = false, string author = UserId, JsonArray? mentions = null,
        bool everyone = false, JsonObject? replyTo = null, string? id = null)
    {
        var message = new JsonObject
        {
            ["id"] = id ?? Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["channel_id"] = Channel,
            ["type"] = replyTo is null ? 0 : 19,
            ["content"] = content,
            ["author"] = new JsonObject { ["id"] = author, ["username"] = "asker", ["bot"] = bot },
            ["mentions"] = mentions ?? new JsonArray(),
            ["mention_everyone"] = everyone,
            ["timestamp"] = "2025-01-01T00:00:00.000000+00:00",
        };
        if (guild is not null)
        {
            message["guild_id"] = guild;
        }

        if (replyTo is not null)
        {
            message["message_reference"] = new JsonObject { ["message_id"] = replyTo["id"]!.GetValue<string>(), ["channel_id"] = Channel };
            message["referenced_message"] = replyTo;
        }

        return message;
    }

    private static JsonArray MentionsBot() => [new JsonObject { ["id"] = FakeGateway.BotId, ["username"] = "PakAzBot", ["bot"] = true }];

    private static JsonObject Mention(string question) => Message($"<@{FakeGateway.BotId}> {question}", mentions: MentionsBot());

    private List<JsonElement> Replies() =>
        [.. _rest.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200)
            .Select(r => JsonDocument.Parse(r.Body).RootElement)];

    private static string RepliedTo(JsonElement reply) => reply.GetProperty("message_reference").GetProperty("message_id").GetString()!;

    private async Task<JsonElement> ReplyToAsync(string messageId, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (Replies().FirstOrDefault(r => RepliedTo(r) == messageId) is { ValueKind: JsonValueKind.Object } reply)
            {
                return reply;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no reply to message {messageId} within {seconds} s");
    }

    private async Task<JsonElement> HealthShardAsync(Func<JsonElement, bool> until, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement shard = default;
        while (DateTime.UtcNow < deadline)
        {
            var health = await _bot!.Client.GetFromJsonAsync<JsonElement>("/healthz");
            var shards = health.GetProperty("discordGateway").GetProperty("shards");
            if (shards.GetArrayLength() > 0 && until(shard = shards[0]))
            {
                return shard;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the shard did not reach the state expected; last: " + shard);
    }

    [Fact]
    public async Task IdentifiesWithItsIntentsAndShardThenHeartbeatsAndReportsTheShardReady()
    {
        _bot = await TestBot.StartAsync(false, true, services => services.AddSingleton(ShortTimings),
            "Discord:BotToken=test-bot-token", $"Discord:ApiBaseUrl={_rest.BaseUrl}");
        var connection = await _gateway.NextAsync();
        Assert.Contains("v=10", connection.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.Query, StringComparison.Ordinal);
        await connection.HelloAsync(200);
        var identify = (await connection.ReceiveAsync()).GetProperty("d");
        Assert.Equal("test-bot-token", identify.GetProperty("token").GetString());
        Assert.Equal(1 | 1 << 9 | 1 << 12, identify.GetProperty("intents").GetInt32());
        Assert.Equal("pakazbot", identify.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal([0, 1], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("Bot test-bot-token", _rest.Requests.First(r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal)).Authorization);
        await connection.ReadyAsync(_gateway.Url);

        var shard = await HealthShardAsync(s => s.GetProperty("state").GetString() == "ready" && s.GetProperty("latencyMs").ValueKind == JsonValueKind.Number);
        Assert.Equal(0, shard.GetProperty("shard").GetInt32());
        Assert.True(connection.Heartbeats >= 1);
        Assert.Equal(1, connection.LastHeartbeatSequence);
        var metrics = await _bot.Client.GetStringAsync("/metrics");
        Assert.Contains("pakazbot_discord_gateway_latency", metrics, StringComparison.Ordinal);
        Assert.Contains("pakazbot_discord_gateway_reconnects", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMentionIsAnsweredWithAReplyToThatMessageThatPingsNoOne()
    {
        var connection = await StartAsync();
        var question = Mention("When did Pakistan recognize Azerbaijan?");
        await connection.DispatchAsync("MESSAGE_CREATE", question);

        var reply = await ReplyToAsync(question["id"]!.GetValue<string>());
        var request = _rest.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
        Assert.Equal($"/api/v10/channels/{Channel}/messages", request.Path);
        Assert.Equal("Bot test-bot-token", request.Authorization);
        Assert.Equal(Guild, reply.GetProperty("message_reference").GetProperty("guild_id").GetString());
        var mentions = reply.GetProperty("allowed_mentions");
        Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
        Assert.False(mentions.GetProperty("replied_user").GetBoolean());
        // The /ask reply: the embed with the question, and its buttons.
        Assert.Equal("Q: When did Pakistan recognize Azerbaijan?", reply.GetProperty("embeds")[0].GetProperty("author").GetProperty("name").GetString());
        Assert.True(reply.GetProperty("components").GetArrayLength() > 0);
        Assert.Contains("1991", reply.GetProperty("embeds")[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADirectMessageIsAnswered()
    {
        var connection = await StartAsync();
        var question = Message("When did Pakistan recognize Azerbaijan?", guild: null);
        await connection.DispatchAsync("MESSAGE_CREATE", question);
        var reply = await ReplyToAsync(question["id"]!.GetValue<string>());
        Assert.False(reply.GetProperty("message_reference").TryGetProperty("guild_id", out _));
    }

    [Fact]
    public async Task EveryoneBotsAndItsOwnMessagesAreIgnored()
    {
        var connection = await StartAsync();
        var ignored = new[]
        {
            Message("@everyone when did Pakistan recognize Azerbaijan?", everyone: true),
            Message($"<@{FakeGateway.BotId}> when did Pakistan recognize Azerbaijan?", bot: true, author: "555555555555555555", mentions: MentionsBot()),
            Message($"<@{FakeGateway.BotId}> when did Pakistan recognize Azerbaijan?", author: FakeGateway.BotId, mentions: MentionsBot()),
            Message("just chatting about Baku"),
        };
        foreach (var message in ignored)
        {
            await connection.DispatchAsync("MESSAGE_CREATE", message);
        }

        var last = Mention("When did Pakistan recognize Azerbaijan?");
        await connection.DispatchAsync("MESSAGE_CREATE", last);
        await ReplyToAsync(last["id"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Equal([last["id"]!.GetValue<string>()], Replies().Select(RepliedTo));
    }

    [Fact]
    public async Task AMissedAckClosesAndResumesWithTheLastSequence()
    {
        _gateway.AutoAck = false;
        var connection = await StartAsync(heartbeatMs: 150);
        var sequence = await connection.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = Guild });

        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await _gateway.NextAsync();
        await again.HelloAsync();
        var resume = await again.ReceiveAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(FakeGateway.SessionId, resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(sequence, resume.GetProperty("d").GetProperty("seq").GetInt64());
        Assert.Equal("test-bot-token", resume.GetProperty("d").GetProperty("token").GetString());
    }

    [Fact]
    public async Task ReconnectOpcodeResumesAndAReplayedMessageIsAnsweredOnce()
    {
        var connection = await StartAsync();
        var question = Mention("When did Pakistan recognize Azerbaijan?");
        var sequence = await connection.DispatchAsync("MESSAGE_CREATE", question);
        await ReplyToAsync(question["id"]!.GetValue<string>());

        await connection.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });
        var again = await _gateway.NextAsync();
        await again.HelloAsync();
        var resume = await again.ReceiveAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(sequence, resume.GetProperty("d").GetProperty("seq").GetInt64());

        // Discord replays what the session missed, which may include what was already handled.
        again.ContinueFrom(sequence - 1);
        await again.DispatchAsync("MESSAGE_CREATE", question);
        await again.DispatchAsync("RESUMED", new JsonObject());
        var next = Mention("When did Pakistan recognize Azerbaijan?");
        await again.DispatchAsync("MESSAGE_CREATE", next);
        await ReplyToAsync(next["id"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Single(Replies(), r => RepliedTo(r) == question["id"]!.GetValue<string>());
        var shard = await HealthShardAsync(s => s.GetProperty("resumes").GetInt64() == 1);
        Assert.True(shard.GetProperty("reconnects").GetInt64() >= 1);
    }

    [Fact]
    public async Task AnInvalidSessionThatCannotResumeIdentifiesAnewAfterTheWait()
    {
        var connection = await StartAsync();
        await connection.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = Guild });
        var sent = DateTime.UtcNow;
        await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });

        var again = await _gateway.NextAsync();
        var waited = DateTime.UtcNow - sent;
        await again.HelloAsync();
        var identify = await again.ReceiveAsync();
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.True(waited >= ShortTimings.InvalidSessionWaitMin - TimeSpan.FromMilliseconds(20), $"identified again after {waited.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(4004, "Discord:BotToken")]
    [InlineData(4010, "Discord:Gateway:Shards")]
    [InlineData(4011, "Discord:Gateway:Shards")]
    [InlineData(4012, "update PakAzBot")]
    [InlineData(4013, "invalid intents")]
    [InlineData(4014, "Developer Portal")]
    public async Task AFatalCloseCodeStopsTheShardSayingWhatToFix(int code, string fix)
    {
        var connection = await StartAsync();
        await connection.CloseAsync(code, "refused");
        var shard = await HealthShardAsync(s => s.GetProperty("state").GetString() == "stopped");
        Assert.Contains(fix, shard.GetProperty("stoppedReason").GetString(), StringComparison.Ordinal);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), shard.GetProperty("stoppedReason").GetString(), StringComparison.Ordinal);
        Assert.False(await _gateway.ConnectsAgainWithinAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task AnotherCloseCodeReconnects()
    {
        var connection = await StartAsync();
        await connection.CloseAsync(4000, "unknown error");
        var again = await _gateway.NextAsync();
        await again.HelloAsync();
        Assert.Equal(6, (await again.ReceiveAsync()).GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task ARateLimitedReplyWaitsForRetryAfter()
    {
        var connection = await StartAsync();
        _rest.RateLimitFirst = _rest.Requests.Count + 1;
        var question = Message("When did Pakistan recognize Azerbaijan?", guild: null);
        await connection.DispatchAsync("MESSAGE_CREATE", question);
        await ReplyToAsync(question["id"]!.GetValue<string>());

        var posts = _rest.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 200], posts.Select(p => p.Status));
        Assert.True(posts[1].Time - posts[0].Time >= TimeSpan.FromMilliseconds(900), $"retried after {(posts[1].Time - posts[0].Time).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AReplyToAnAnswerAsksTheFollowUpWithTheEarlierQuestion()
    {
        var connection = await StartAsync();
        var first = Mention("When did Pakistan recognize Azerbaijan?");
        await connection.DispatchAsync("MESSAGE_CREATE", first);
        var answer = JsonNode.Parse((await ReplyToAsync(first["id"]!.GetValue<string>())).GetRawText())!.AsObject();

        // Discord sends the bot's answer back as the referenced message, authored by the bot.
        answer["id"] = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        answer["author"] = new JsonObject { ["id"] = FakeGateway.BotId, ["bot"] = true };
        var followUp = Message("and which country was first?", replyTo: answer);
        await connection.DispatchAsync("MESSAGE_CREATE", followUp);

        var reply = await ReplyToAsync(followUp["id"]!.GetValue<string>());
        var asked = reply.GetProperty("embeds")[0].GetProperty("author").GetProperty("name").GetString()!;
        Assert.Contains("Pakistan recognize Azerbaijan", asked, StringComparison.Ordinal);
        Assert.Contains("which country was first", asked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileFramesAreLoggedAndSurvived()
    {
        // Heartbeats are not what this tests: a long interval keeps a busy machine's late ACK from resuming mid-test.
        var connection = await StartAsync(heartbeatMs: 60_000);
        await connection.SendTextAsync("this is not JSON {");
        await connection.SendTextAsync("[1, 2, 3]");
        await connection.SendTextAsync("{\"op\": \"seven\"}");
        await connection.SendAsync(new JsonObject { ["op"] = 99, ["d"] = new JsonObject { ["x"] = 1 } });
        await connection.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["id"] = 5, ["author"] = "nobody", ["mentions"] = "all" });
        await connection.DispatchAsync("MESSAGE_CREATE", new JsonObject());
        var longOne = Message($"<@{FakeGateway.BotId}> " + string.Concat(Enumerable.Repeat("when did Pakistan recognize Azerbaijan? ", 100))[..3990], mentions: MentionsBot());
        await connection.DispatchAsync("MESSAGE_CREATE", longOne);
        await ReplyToAsync(longOne["id"]!.GetValue<string>());

        // A frame over the limit drops the connection, which resumes.
        // The bot may drop the connection before the frame is all written: then the write fails here, as it should.
        try
        {
            await connection.SendTextAsync("{\"op\":0,\"t\":\"X\",\"d\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
        }
        var again = await _gateway.NextAsync();
        await again.HelloAsync();
        Assert.Equal(6, (await again.ReceiveAsync()).GetProperty("op").GetInt32());
        await again.DispatchAsync("RESUMED", new JsonObject());
        var after = Mention("When did Pakistan recognize Azerbaijan?");
        await again.DispatchAsync("MESSAGE_CREATE", after);
        await ReplyToAsync(after["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheGatewayStaysOffWithoutABotTokenOrWhenDisabled()
    {
        _bot = await TestBot.StartAsync(false, true, services: null, "Discord:BotToken=test-bot-token", $"Discord:ApiBaseUrl={_rest.BaseUrl}", "Discord:Gateway:Enabled=false");
        Assert.Null(_bot.Services.GetService<GatewayStatus>());
        Assert.False(await _gateway.ConnectsAgainWithinAsync(TimeSpan.FromMilliseconds(500)));
        var health = await _bot.Client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.False(health.TryGetProperty("discordGateway", out _));
    }
}

public sealed class FollowUpTests
{
    [Theory]
    [InlineData("When did Pakistan open its embassy in Baku?", "what about Azerbaijan?", "When did Pakistan open its embassy in Baku Azerbaijan?")]
    [InlineData("Who visited Baku?", "and in 1995?", "Who visited Baku in 1995?")]
    [InlineData("When did Pakistan open its embassy in Baku?", "and when did Azerbaijan open its embassy in Islamabad?", "and when did Azerbaijan open its embassy in Islamabad?")]
    [InlineData(null, "and in 1995?", "and in 1995?")]
    public void AShortFollowUpLeansOnTheEarlierQuestion(string? earlier, string followUp, string asked) =>
        Assert.Equal(asked, FollowUp.Combine(earlier, followUp));
}
