using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using PakAzBot.Discord;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Discord;

[Collection(HostCollection.Name)]
public sealed partial class DiscordTests : IAsyncLifetime
{
    // RFC 8032 section 7.1, TEST 1: a public Ed25519 test vector, so no real key is ever in the repository.
    private const string TestSecretKey = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string TestPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string ApplicationId = "1011121314151617181";
    private const string ModeratorRole = "777777777777777777";

    private FakeDiscordApi _discord = null!;
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordApi.StartAsync();
        _bot = await TestBot.StartAsync(settings:
        [
            $"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Discord:ApiBaseUrl={_discord.BaseUrl}",
            $"Discord:ModeratorRoleIds:0={ModeratorRole}", "RateLimit:PermitLimit=1000", "Discord:TimelinePictureDelayMilliseconds=0",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private static HttpRequestMessage Signed(string body, string? secretKey = TestSecretKey, long? timestamp = null)
    {
        var stamp = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, DiscordExtensions.Route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secretKey is not null)
        {
            using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(secretKey), KeyBlobFormat.RawPrivateKey);
            var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(stamp + body));
            request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
            request.Headers.Add("X-Signature-Timestamp", stamp);
        }

        return request;
    }

    private async Task<JsonObject> Interact(JsonObject interaction)
    {
        var response = await _bot.Client.SendAsync(Signed(interaction.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private const string Guild = "290926798626357999";
    private static long _nextId = 786008729715212338;

    // Shaped like the examples in Discord's "Receiving and Responding" documentation; each has its own id, as each
    // interaction Discord sends does. The app is installed in the server the interaction comes from.
    private static JsonObject Interaction(int type, JsonObject? data, string permissions = "0", string[]? roles = null) => new()
    {
        ["id"] = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
        ["application_id"] = ApplicationId,
        ["type"] = type,
        ["token"] = "A_UNIQUE_TOKEN",
        ["version"] = 1,
        ["guild_id"] = Guild,
        ["channel_id"] = "645027906669510667",
        ["context"] = 0,
        ["authorizing_integration_owners"] = new JsonObject { ["0"] = Guild },
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "53908232506183680", ["username"] = "Mason" },
            ["roles"] = new JsonArray((roles ?? []).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["permissions"] = permissions,
        },
        ["data"] = data,
    };

    private static JsonObject Command(string name, params (string Name, JsonNode Value)[] options) => new()
    {
        ["id"] = "771825006014889984",
        ["name"] = name,
        ["type"] = 1,
        ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Value.GetValueKind() == JsonValueKind.String ? 3 : 5, ["value"] = o.Value }).ToArray()),
    };

    private static JsonObject Button(string customId, JsonObject? message = null) => new()
    {
        ["custom_id"] = customId,
        ["component_type"] = 2,
    };

    [Fact]
    public async Task AnswersASignedPing()
    {
        var response = await Interact(Interaction(1, null));

        Assert.Equal(1, response["type"]!.GetValue<int>());
    }

    public static TheoryData<string> Forgeries => new() { "other key", "tampered body", "no headers", "bad hex", "stale", "future" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task RefusesForgedMissingAndStaleSignatures(string forgery)
    {
        var body = Interaction(1, null).ToJsonString();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = forgery switch
        {
            "other key" => Signed(body, secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
            "no headers" => Signed(body, secretKey: null),
            "stale" => Signed(body, timestamp: now - 600),
            "future" => Signed(body, timestamp: now + 600),
            _ => Signed(body),
        };
        if (forgery == "tampered body")
        {
            request.Content = new StringContent(body.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        if (forgery == "bad hex")
        {
            request.Headers.Remove("X-Signature-Ed25519");
            request.Headers.Add("X-Signature-Ed25519", new string('z', 128));
        }

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AskAnswersWithACitedEmbedAndButtons()
    {
        var response = await Interact(Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?"))));

        Assert.Equal(4, response["type"]!.GetValue<int>());
        var data = response["data"]!;
        Assert.Empty(data["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Null(data["flags"]);
        var embed = data["embeds"]![0]!;
        Assert.Equal("12 December 1991", embed["title"]!.GetValue<string>());
        Assert.Equal("> On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", embed["description"]!.GetValue<string>());
        Assert.Equal("Event date", embed["fields"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("12 December 1991", embed["fields"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(@"— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7", embed["fields"]![1]!["value"]!.GetValue<string>());
        Assert.Matches(@"^Confidence (?:0\.\d\d|1\.00) ", embed["footer"]!["text"]!.GetValue<string>());
        var buttons = data["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
        Assert.Equal("src|tdi-2022-06-11-pakistan-azerbaijan-30-years#7", buttons[0]);
        Assert.Contains("fb|up|tdi-2022-06-11-pakistan-azerbaijan-30-years#7", buttons);
        Assert.Contains("fb|down|tdi-2022-06-11-pakistan-azerbaijan-30-years#7", buttons);
        Assert.All(buttons, b => Assert.DoesNotContain("recognize", b, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", null)]
    // The question's own language decides over the client's locale...
    [InlineData("Pakistan Azərbaycanı nə vaxt tanıyıb?", "en-US")]
    // ...which decides only for a question too short to tell.
    [InlineData("1992?", "az")]
    public async Task AnAzerbaijaniQuestionGetsAnAzerbaijaniReply(string question, string? locale)
    {
        var interaction = Interaction(2, Command("ask", ("question", question)));
        if (locale is not null)
        {
            interaction["locale"] = locale;
            interaction["guild_locale"] = "en-US";
        }

        var data = (await Interact(interaction))["data"]!.AsObject();

        DiscordLimits.AssertWithin(data, "azerbaijani reply");
        DiscordLanguageTests.AssertSpeaks(PakAzBot.Core.Languages.Language.Azerbaijani, data);
    }

    [Fact]
    public async Task AskPrivatelyAnswersEphemerally()
    {
        var response = await Interact(Interaction(2, Command("ask", ("question", "Who is the Azerbaijani ambassador?"), ("private", true))));

        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Khazar Farhadov", response["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task AQuestionWithEveryoneAndRoleMentionsPingsNobody()
    {
        // Declined, and (India being a name the sources never use beside words they do) the closest passages offered.
        var declined = await Interact(Interaction(2, Command("ask", ("question", "@everyone <@&123456> *what* is the capital of France?"))));
        var suggested = await Interact(Interaction(2, Command("ask", ("question", "@everyone <@&123456> *when* did Pakistan recognize India?"))));

        var data = declined["data"]!;
        Assert.Empty(data["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(suggested["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        var description = data["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("“France”", description, StringComparison.Ordinal);
        Assert.Contains("`/timeline`", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutocompleteSuggestsFromTheSources()
    {
        var data = new JsonObject
        {
            ["id"] = "1", ["name"] = "ask", ["type"] = 1,
            ["options"] = new JsonArray { new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "khoj", ["focused"] = true } },
        };

        var response = await Interact(Interaction(4, data));

        Assert.Equal(8, response["type"]!.GetValue<int>());
        var choices = response["data"]!["choices"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Khojaly Genocide", choices);
        Assert.InRange(choices.Count, 1, 25);
        Assert.All(choices, c => Assert.InRange(c.Length, 1, 100));
    }

    [Fact]
    public async Task EmptyAutocompleteOffersAtMost25Suggestions()
    {
        var data = new JsonObject
        {
            ["id"] = "1", ["name"] = "ask", ["type"] = 1,
            ["options"] = new JsonArray { new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "", ["focused"] = true } },
        };

        var choices = (await Interact(Interaction(4, data)))["data"]!["choices"]!.AsArray();

        Assert.Equal(25, choices.Count);
    }

    [Fact]
    public async Task PagingThroughTheWholeTimelineShowsEveryDatedStatementOnce()
    {
        var response = await Interact(Interaction(2, Command("timeline")));
        var seen = new List<string>();
        var pages = 0;
        while (true)
        {
            var data = response["data"]!;
            var embed = data["embeds"]![0]!;
            pages++;
            seen.AddRange(System.Text.RegularExpressions.Regex.Matches(embed["description"]!.GetValue<string>(), @"^\*\*(.+?)\*\*", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value));
            Assert.StartsWith($"Page {pages} of 3", embed["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
            var next = data["components"]![0]!["components"]![1]!;
            if (next["disabled"]!.GetValue<bool>())
            {
                break;
            }

            response = await Interact(Interaction(3, Button(next["custom_id"]!.GetValue<string>())));
            Assert.Equal(7, response["type"]!.GetValue<int>());
        }

        Assert.Equal(3, pages);
        Assert.Equal(15, seen.Count);
        Assert.Equal("12 December 1991", seen[0]);
        Assert.Equal("10 June 2022", seen[^1]);
        var previous = response["data"]!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        var back = await Interact(Interaction(3, Button(previous)));
        Assert.StartsWith("Page 2 of 3", back["data"]!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineAttachesItsPictureToTheFirstPageAsAMultipartPng()
    {
        var response = await Interact(Interaction(2, Command("timeline", ("from", "2014"))));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.StartsWith("Page 1 of 2 · 10 dated statements", response["data"]!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        await WaitForRequest();
        var (method, path, contentType, body) = Assert.Single(_discord.RawRequests);
        Assert.Equal("PATCH", method);
        Assert.Equal($"/api/v10/webhooks/{ApplicationId}/A_UNIQUE_TOKEN/messages/@original", path);
        var boundary = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        Assert.Equal("multipart/form-data", boundary.MediaType);
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'), new MemoryStream(body));
        var parts = new Dictionary<string, (string? Type, byte[] Bytes)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var name = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition!).Name!.Trim('"');
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            parts[name] = (section.ContentType, bytes.ToArray());
        }

        Assert.Equal(["files[0]", "payload_json"], parts.Keys.Order(StringComparer.Ordinal));
        var payload = JsonNode.Parse(parts["payload_json"].Bytes)!;
        Assert.Equal(0, payload["attachments"]![0]!["id"]!.GetValue<int>());
        Assert.Equal("timeline.png", payload["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.StartsWith("Timeline · 10 dated statements, 2010–2022", payload["attachments"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("image/png", parts["files[0]"].Type);
        var png = parts["files[0]"].Bytes;
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.InRange(png.Length, 1000, DiscordInteractions.DefaultAttachmentLimit);
    }

    [Fact]
    public async Task TimelineWithNothingToDrawOrABadDateSendsNoPicture()
    {
        await Interact(Interaction(2, Command("timeline", ("from", "someday"))));
        await Interact(Interaction(2, Command("timeline", ("topic", "penguins"))));
        await Task.Delay(500);

        Assert.Empty(_discord.RawRequests);
    }

    [Fact]
    public async Task TimelineFiltersAndRefusesBadDates()
    {
        var filtered = await Interact(Interaction(2, Command("timeline", ("from", "2014"), ("to", "2018"), ("topic", "defence"))));
        var bad = await Interact(Interaction(2, Command("timeline", ("from", "someday"))));

        var embed = filtered["data"]!["embeds"]![0]!;
        Assert.Equal(@"Timeline from 2014, to 2018, about defence", embed["title"]!.GetValue<string>());
        Assert.StartsWith("Page 1 of 1 · 3 dated statements", embed["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(64, bad["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("not a date", bad["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("srcs|0")]
    [InlineData("srcs|99")]
    [InlineData("srcs|-3")]
    public async Task SourcesButtonsUpdateTheMessageToAPage(string customId)
    {
        var response = await Interact(Interaction(3, Button(customId)));

        Assert.Equal(7, response["type"]!.GetValue<int>());
        Assert.Equal("Page 1 of 1", response["data"]!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>());
        DiscordLimits.AssertWithin(response["data"]!.AsObject(), "/sources page");
    }

    [Fact]
    public async Task AskReadsAChatQuestionThroughMentionsAndChatter()
    {
        var response = await Interact(Interaction(2, Command("ask", ("question", "<@123> <@&456> @everyone hey, does anyone know when did Pakistan recognize Azerbaijan?"))));

        Assert.Equal("12 December 1991", response["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task SourcesListsTheDocuments()
    {
        var response = await Interact(Interaction(2, Command("sources")));

        var field = response["data"]!["embeds"]![0]!["fields"]![0]!;
        Assert.Equal("Pakistan and Azerbaijan celebrate 30 years of diplomatic relations", field["name"]!.GetValue<string>());
        Assert.StartsWith("The Diplomatic Insight, 11 June 2022 · 24 paragraphs", field["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessageCommandAnswersTheMessageItIsUsedOn()
    {
        var data = new JsonObject
        {
            ["id"] = "1", ["name"] = "Ask PakAzBot", ["type"] = 3, ["target_id"] = "1111",
            ["resolved"] = new JsonObject { ["messages"] = new JsonObject { ["1111"] = new JsonObject { ["id"] = "1111", ["content"] = "hey, when did Pakistan recognize Azerbaijan?" } } },
        };

        var response = await Interact(Interaction(2, data));

        Assert.Equal("12 December 1991", response["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("<@123456789012345678> hey, does anyone know **when did Pakistan** recognize `Azerbaijan`? thx", "12 December 1991")]
    [InlineData("> when did Pakistan recognize ||Azerbaijan||?\n<:thinking:123456789012345678>", "12 December 1991")]
    [InlineData("<@123456789012345678> <:wave:123456789012345678>", null)]
    public async Task TheMessageCommandReadsThroughDiscordMarkup(string content, string? title)
    {
        var data = new JsonObject
        {
            ["id"] = "1", ["name"] = "Ask PakAzBot", ["type"] = 3, ["target_id"] = "1111",
            ["resolved"] = new JsonObject { ["messages"] = new JsonObject { ["1111"] = new JsonObject { ["id"] = "1111", ["content"] = content } } },
        };

        var response = await Interact(Interaction(2, data));

        if (title is null)
        {
            Assert.Contains("no text I can read as a question", response.ToJsonString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(title, response["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
        }
    }

    // A question asked in chat, addressed to people and roles: the normalizer takes the mentions and the chatter off.
    [Theory]
    [InlineData("<@123456789012345678> hey, does anyone know when did Pakistan recognize Azerbaijan?")]
    [InlineData("<@&456456456456456456> hey, does anyone know when did Pakistan recognize Azerbaijan?")]
    [InlineData("@everyone hey, does anyone know when did Pakistan recognize Azerbaijan?")]
    [InlineData("hey, does anyone know when did Pakistan recognize Azerbaijan? <@123> <@&456> @everyone @here")]
    [InlineData("hey, does anyone know when did Pakistan recognize Azerbaijan?")]
    public async Task TheMessageCommandAnswersAChatQuestionWithMentions(string content)
    {
        var data = new JsonObject
        {
            ["id"] = "1", ["name"] = "Ask PakAzBot", ["type"] = 3, ["target_id"] = "1111",
            ["resolved"] = new JsonObject { ["messages"] = new JsonObject { ["1111"] = new JsonObject { ["id"] = "1111", ["content"] = content } } },
        };

        var response = await Interact(Interaction(2, data));

        var embed = response["data"]!["embeds"]![0]!;
        Assert.Equal("12 December 1991", embed["title"]!.GetValue<string>());
        Assert.DoesNotContain("@", embed["author"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(response["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("Ask PakAzBot")]
    public async Task AnAnswerNotReadyInTimeIsDeferredAndTheOriginalResponseEdited(string command)
    {
        await using var bot = await TestBot.StartAsync(settings:
            [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Discord:ApiBaseUrl={_discord.BaseUrl}", "Discord:AnswerReplyWithinMilliseconds=0"]);
        const string question = "When did Pakistan recognize Azerbaijan?";
        var data = command == "ask"
            ? Command("ask", ("question", question), ("private", true))
            : new JsonObject
            {
                ["id"] = "1", ["name"] = command, ["type"] = 3, ["target_id"] = "1111",
                ["resolved"] = new JsonObject { ["messages"] = new JsonObject { ["1111"] = new JsonObject { ["id"] = "1111", ["content"] = question } } },
            };
        var interaction = Interaction(2, data);

        // The interaction states its application; that is where the edit goes, whatever the setting says.
        interaction["application_id"] = "2022202220222022202";
        var response = await bot.Client.SendAsync(Signed(interaction.ToJsonString()));
        var deferred = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(5, deferred["type"]!.GetValue<int>());
        Assert.Equal(command == "ask" ? 64 : (int?)null, deferred["data"]?["flags"]?.GetValue<int>());
        var edit = await WaitForRequest();
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("/api/v10/webhooks/2022202220222022202/A_UNIQUE_TOKEN/messages/@original", edit.Path);
        Assert.Matches(@"^DiscordBot \(https?://[^ ,]+, \d+\.\d+[^)]*\)$", edit.UserAgent);
        var body = JsonNode.Parse(edit.Body)!;
        Assert.Equal("12 December 1991", body["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Null(body["flags"]);
        DiscordLimits.AssertWithin(body.AsObject(), "the edited response");
    }

    /// <summary>A model as slow as a cold one: every question takes <paramref name="delay"/> to encode.</summary>
    private sealed class SlowQueryEncoder(TimeSpan delay) : PakAzBot.Search.Semantic.ITextEncoder
    {
        private readonly PakAzBot.Tests.Search.FakeEncoder _inner = new();

        public string Model => _inner.Model;

        public int Dimensions => _inner.Dimensions;

        public float[] EncodeQuery(string question)
        {
            Thread.Sleep(delay);
            return _inner.EncodeQuery(question);
        }

        public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => _inner.EncodeDocuments(texts, cancellationToken);
    }

    [Fact]
    public async Task UnderLoadWithASlowModelEveryAskIsAnsweredWithinDiscordsThreeSeconds()
    {
        using var folder = new TempFolder();
        await using var bot = await TestBot.StartAsync(false, true, services => services.AddSingleton<PakAzBot.Search.Semantic.ITextEncoder>(new SlowQueryEncoder(TimeSpan.FromSeconds(4))),
            $"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Discord:ApiBaseUrl={_discord.BaseUrl}",
            $"Search:VectorCache={Path.Combine(folder.Path, "vectors")}", "RateLimit:PermitLimit=1000");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await bot.Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("semantic").GetString() != "ready")
        {
            Assert.True(DateTime.UtcNow < deadline, "the semantic index did not become ready");
            await Task.Delay(50);
        }

        const int asks = 12;
        var timings = await Task.WhenAll(Enumerable.Range(0, asks).Select(async i =>
        {
            var ask = Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?")));
            ask["member"]!["user"]!["id"] = (1000 + i).ToString(CultureInfo.InvariantCulture);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await bot.Client.SendAsync(Signed(ask.ToJsonString()));
            var type = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>();
            return (Type: type, Elapsed: clock.Elapsed);
        }));

        Assert.All(timings, t => Assert.Equal(5, t.Type));
        Assert.All(timings, t => Assert.True(t.Elapsed < TimeSpan.FromSeconds(3), $"a first response took {t.Elapsed.TotalSeconds:0.00} s"));
        await WaitForRequest(asks, seconds: 60);
        // The stand-in model's vectors are random, so the answer itself may differ from the real model's; each edit is one.
        Assert.All(_discord.Requests, r =>
        {
            Assert.Equal("PATCH", r.Method);
            Assert.Single(JsonNode.Parse(r.Body)!["embeds"]!.AsArray());
        });
    }

    [Fact]
    public async Task DeferredEditsWaitForTheirRateLimitBucket()
    {
        await using var bot = await TestBot.StartAsync(settings:
            [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Discord:ApiBaseUrl={_discord.BaseUrl}", "Discord:AnswerReplyWithinMilliseconds=0"]);
        _discord.BucketResetAfterSeconds = 1.5;

        // Two answers to edit on the same interaction webhook: the first response says the bucket is empty for 1.5 s.
        foreach (var i in new[] { 0, 1 })
        {
            var ask = Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?")));
            Assert.Equal(5, JsonNode.Parse(await (await bot.Client.SendAsync(Signed(ask.ToJsonString()))).Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
            await WaitForRequest(i + 1);
        }

        var (first, second) = (_discord.Requests.ElementAt(0), _discord.Requests.ElementAt(1));
        Assert.True(second.Time - first.Time >= TimeSpan.FromSeconds(1.4), $"the second edit came {(second.Time - first.Time).TotalSeconds:0.00} s after the first");
    }

    [Fact]
    public async Task AnUnexpectedFailureIsAPrivateNoticeWithTheLoggedReference()
    {
        // The feedback database loses its table after the start: recording a vote throws, as a broken database would.
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "feedback.db");
        var logs = new PakAzBot.Tests.Teams.CapturingLoggerProvider();
        await using var bot = await TestBot.StartAsync(false, true, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs),
            $"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Feedback:Path={database}");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE feedback_votes";
            drop.ExecuteNonQuery();
        }

        var response = await bot.Client.SendAsync(Signed(Interaction(3, Button("fb|down|tdi-2022-06-11-pakistan-azerbaijan-30-years#7")).ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(4, json["type"]!.GetValue<int>());
        Assert.Equal(64, json["data"]!["flags"]!.GetValue<int>());
        var failure = Assert.Single(logs.Entries, e => e.Exception is not null && e.State.Any(p => p.Key == "Reference"));
        var reference = (string)failure.State.Single(p => p.Key == "Reference").Value!;
        Assert.Matches("^[0-9a-f]{8}$", reference);
        Assert.Contains(reference, json["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscordWithoutAnApplicationIdDoesNotStart()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestBot.StartAsync(settings: [$"Discord:PublicKey={TestPublicKey}"]));

        Assert.Contains("Discord:ApplicationId", failure.Message, StringComparison.Ordinal);
    }

    private async Task<(string Method, string Path, string? Authorization, string Body, int Status, string UserAgent, DateTimeOffset Time)> WaitForRequest(int count = 1, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (_discord.Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(_discord.Requests.Count >= count, $"the stand-in Discord API got {_discord.Requests.Count} request(s), not {count}");
        return _discord.Requests.ElementAt(count - 1);
    }

    [Fact]
    public async Task SourceButtonShowsTheWholeParagraphPrivately()
    {
        var response = await Interact(Interaction(3, Button("src|tdi-2022-06-11-pakistan-azerbaijan-30-years#11")));

        var data = response["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        Assert.Equal("> In October 1995, Pakistan and Azerbaijan signed a Trade and Economic Cooperation Agreement. In 1998, the partnership came to an end. There has not been any big economic agreement between the two countries since then.",
            data["embeds"]![0]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task FeedbackIsLoggedWithTheQuestionAndSummarizedForModerators()
    {
        var log = Path.Combine(_bot.Knowledge.Path, "..", Path.GetFileName(_bot.Knowledge.Path) + "-feedback.db");
        await using var bot = await TestBot.StartAsync(settings: [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Feedback:Path={log}"]);
        var button = Button("fb|down|tdi-2022-06-11-pakistan-azerbaijan-30-years#7");
        var interaction = Interaction(3, button);
        interaction["message"] = new JsonObject { ["embeds"] = new JsonArray { new JsonObject { ["author"] = new JsonObject { ["name"] = "Q: When did Pakistan recognise Azerbaijan?" } } } };

        var response = await bot.Client.SendAsync(Signed(interaction.ToJsonString()));

        Assert.Contains("a moderator will look", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(await new PakAzBot.Feedback.SqliteFeedbackStore(log).ReadAllAsync());
        Assert.Equal("down", entry.Vote);
        Assert.Equal("53908232506183680", entry.UserId);
        Assert.Equal("When did Pakistan recognise Azerbaijan?", entry.Question);
        var output = new StringWriter();
        Assert.Equal(0, PakAzBot.Cli.Run(["feedback", "--file", log], TextReader.Null, output, TextWriter.Null));
        Assert.Contains("tdi-2022-06-11-pakistan-azerbaijan-30-years#7: 0 👍 1 👎 — asked as: When did Pakistan recognise Azerbaijan?", output.ToString(), StringComparison.Ordinal);
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    private async Task<(TestBot Bot, string Log)> StartWithFeedbackLogAsync()
    {
        var log = Path.Combine(_bot.Knowledge.Path, "..", Path.GetFileName(_bot.Knowledge.Path) + "-votes.db");
        var bot = await TestBot.StartAsync(settings: [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Feedback:Path={log}", "RateLimit:PermitLimit=1000"]);
        return (bot, log);
    }

    private static JsonObject Vote(string vote, string user, string answerMessage, string? question = null)
    {
        var interaction = Interaction(3, Button($"fb|{vote}|tdi-2022-06-11-pakistan-azerbaijan-30-years#7"));
        interaction["member"]!["user"]!["id"] = user;
        var embed = new JsonObject { ["author"] = new JsonObject { ["name"] = "Q: " + (question ?? "When did Pakistan recognise Azerbaijan?") } };
        interaction["message"] = new JsonObject { ["id"] = answerMessage, ["embeds"] = new JsonArray { embed } };
        return interaction;
    }

    [Fact]
    public async Task AReplayedInteractionGetsTheSameResponseWithoutRunningAgain()
    {
        // One question a minute: were a copy run again, it would be refused as a second question.
        await using var bot = await TestBot.StartAsync(settings: [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", "RateLimit:PermitLimit=1"]);
        var ask = Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?"))).ToJsonString();
        bot.Knowledge.Write("extra.md", "---\nid: extra\ntitle: Extra\npublisher: Test Wire\npublished: 2023-01-05\nlanguage: en\n---\n\nOn 3 January 2023, the two sides met in Baku.\n");
        var reindex = Interaction(2, Command("reindex"), permissions: "32");
        reindex["member"]!["user"]!["id"] = "4444";

        var first = await (await bot.Client.SendAsync(Signed(ask))).Content.ReadAsStringAsync();
        var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await (await bot.Client.SendAsync(Signed(ask))).Content.ReadAsStringAsync()));
        var rebuilds = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await (await bot.Client.SendAsync(Signed(reindex.ToJsonString()))).Content.ReadAsStringAsync()));

        Assert.Equal("12 December 1991", JsonNode.Parse(first)!["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.All(copies, c => Assert.Equal(first, c));
        Assert.All(rebuilds, r => Assert.Equal(rebuilds[0], r));
        Assert.Equal(2, (await bot.Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("generation").GetInt32());
    }

    [Fact]
    public async Task EachUserHasOneVotePerAnswerAndTheLastCounts()
    {
        var (bot, log) = await StartWithFeedbackLogAsync();
        await using (bot)
        {
            // One user clicks 👎 three times, then 👍, on one answer; another user 👎 on it; the first 👎 on another answer.
            foreach (var vote in new[]
                     {
                         Vote("down", "1", "900000000000000001"), Vote("down", "1", "900000000000000001"), Vote("down", "1", "900000000000000001"),
                         Vote("up", "1", "900000000000000001"), Vote("down", "2", "900000000000000001"), Vote("down", "1", "900000000000000002"),
                     })
            {
                Assert.Equal(HttpStatusCode.OK, (await bot.Client.SendAsync(Signed(vote.ToJsonString()))).StatusCode);
            }
        }

        // A new store on the same database, as after a restart: one row per user and answer.
        var stored = await new PakAzBot.Feedback.SqliteFeedbackStore(log).ReadAllAsync();
        var summary = PakAzBot.Core.Feedback.FeedbackSummary.Summarize(stored).Single();
        Assert.Equal((1, 2), (summary.Up, summary.Down));
        Assert.Equal(3, stored.Count);
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    [Fact]
    public async Task FeedbackRecordsTheWholeQuestionNotTheCutAuthorLine()
    {
        var question = "When did Pakistan recognize Azerbaijan? " + string.Join(' ', Enumerable.Repeat("I would really like to know this for my school essay on the region.", 6));
        var answer = await Interact(Interaction(2, Command("ask", ("question", question))));
        var embed = answer["data"]!["embeds"]![0]!.DeepClone();
        Assert.True(embed["author"]!["name"]!.GetValue<string>().Length <= DiscordMessages.TitleLimit);
        var (bot, log) = await StartWithFeedbackLogAsync();
        await using (bot)
        {
            var vote = Vote("down", "1", "900000000000000003");
            vote["message"]!["embeds"] = new JsonArray { embed };

            Assert.Equal(HttpStatusCode.OK, (await bot.Client.SendAsync(Signed(vote.ToJsonString()))).StatusCode);
        }

        var entry = Assert.Single(await new PakAzBot.Feedback.SqliteFeedbackStore(log).ReadAllAsync());
        Assert.Equal(PakAzBot.Core.Text.QuestionNormalizer.Normalize(question), entry.Question);
        Assert.True(entry.Question!.Length > DiscordMessages.TitleLimit);
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    private static JsonObject OnMessage(JsonObject interaction, string user, string messageId, JsonNode embeds)
    {
        interaction["member"]!["user"]!["id"] = user;
        interaction["message"] = new JsonObject { ["id"] = messageId, ["embeds"] = embeds.DeepClone() };
        return interaction;
    }

    [Fact]
    public async Task NotSureTheReplyOffersThePassagesAsButtonsAndAPickEditsItIntoThatPassagesAnswer()
    {
        var (bot, log) = await StartWithFeedbackLogAsync();
        const string Message = "900000000000000010";
        JsonObject suggested, picked, again, voted;
        string passageId;
        await using (bot)
        {
            suggested = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(Interaction(2, Command("ask", ("question", Questions.Suggested))).ToJsonString()))).Content.ReadAsStringAsync())!.AsObject();
            var data = suggested["data"]!.AsObject();
            DiscordLimits.AssertWithin(data, "suggestions");
            var ids = data["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
            Assert.Equal("none", ids[^1]);
            var picks = ids.Where(i => i.StartsWith("pick|", StringComparison.Ordinal)).ToList();
            Assert.InRange(picks.Count, 1, 3);
            passageId = picks[0]["pick|".Length..];
            var embeds = data["embeds"]!;

            picked = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(OnMessage(Interaction(3, Button(picks[0])), "1", Message, embeds).ToJsonString()))).Content.ReadAsStringAsync())!.AsObject();
            // The same user picks again on the same message (say from a copy still showing the buttons): it replaces the first.
            again = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(OnMessage(Interaction(3, Button(picks[^1])), "1", Message, embeds).ToJsonString()))).Content.ReadAsStringAsync())!.AsObject();
            // A 👍 on the answer the pick made, on that same message, is a vote of its own.
            var pickedEmbeds = picked["data"]!["embeds"]!;
            voted = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(OnMessage(Interaction(3, Button($"fb|up|{passageId}")), "1", Message, pickedEmbeds).ToJsonString()))).Content.ReadAsStringAsync())!.AsObject();
        }

        Assert.Equal(4, suggested["type"]!.GetValue<int>());
        Assert.Equal(7, picked["type"]!.GetValue<int>());
        var answer = picked["data"]!.AsObject();
        DiscordLimits.AssertWithin(answer, "picked answer");
        Assert.Null(answer["flags"]);
        Assert.True(Seed.Knowledge.TryGetPassage(passageId, out var passage));
        var source = answer["embeds"]![0]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "Source")!["value"]!.GetValue<string>();
        Assert.EndsWith($"¶{passage.Number}", source, StringComparison.Ordinal);
        Assert.Equal("Q: " + Questions.Suggested, answer["embeds"]![0]!["author"]!["name"]!.GetValue<string>());
        var buttons = answer["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
        Assert.Contains($"fb|up|{passageId}", buttons);
        Assert.Equal(7, again["type"]!.GetValue<int>());
        Assert.Equal(4, voted["type"]!.GetValue<int>());

        var store = new PakAzBot.Feedback.SqliteFeedbackStore(log);
        var pick = Assert.Single(await store.ReadPicksAsync());
        var lastPassage = again["data"]!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>()["src|".Length..];
        Assert.Equal(("discord", "1", Message, Questions.Suggested, lastPassage), (pick.Surface, pick.UserId, pick.Reply, pick.Question, pick.PassageId));
        var vote = Assert.Single(await store.ReadAllAsync());
        Assert.Equal(("up", Message), (vote.Vote, vote.Answer));
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    [Fact]
    public async Task NoneOfTheseIsRecordedAndTheMessageSaysSoWithItsPassagesLeftToRead()
    {
        var (bot, log) = await StartWithFeedbackLogAsync();
        JsonObject response;
        await using (bot)
        {
            var suggested = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(Interaction(2, Command("ask", ("question", Questions.Suggested))).ToJsonString()))).Content.ReadAsStringAsync())!;
            var none = OnMessage(Interaction(3, Button("none")), "2", "900000000000000011", suggested["data"]!["embeds"]!);
            response = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(none.ToJsonString()))).Content.ReadAsStringAsync())!.AsObject();
        }

        Assert.Equal(7, response["type"]!.GetValue<int>());
        var data = response["data"]!.AsObject();
        DiscordLimits.AssertWithin(new JsonObject { ["content"] = data["content"]!.DeepClone() }, "none of these");
        Assert.Empty(data["components"]!.AsArray());
        Assert.False(data.ContainsKey("embeds")); // left as they are: the passages stay readable
        var pick = Assert.Single(await new PakAzBot.Feedback.SqliteFeedbackStore(log).ReadPicksAsync());
        Assert.Equal(("2", "900000000000000011", Questions.Suggested), (pick.UserId, pick.Reply, pick.Question));
        Assert.True(pick.NoneOfThese);
        Array.ForEach([log, log + "-wal", log + "-shm"], File.Delete);
    }

    [Fact]
    public async Task ReindexIsRefusedToNonModerators()
    {
        var response = await Interact(Interaction(2, Command("reindex"), permissions: "2048"));

        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Only moderators", response["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // A moderator of some server, reaching /reindex where it must not work: a DM, a user install (the server did not
    // install the app, or installed it but the call is authorized by the user's own install), a forged owner.
    public static TheoryData<string> OutOfScope => new() { "dm", "user install only", "owner of another server", "no owners" };

    [Theory]
    [MemberData(nameof(OutOfScope))]
    public async Task ReindexIsRefusedOutsideAServerThatInstalledTheApp(string scope)
    {
        var interaction = Interaction(2, Command("reindex"), permissions: "40");
        switch (scope)
        {
            case "dm":
                interaction.Remove("guild_id");
                interaction["context"] = 1;
                interaction["user"] = interaction["member"]!["user"]!.DeepClone();
                interaction.Remove("member");
                interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = "0" };
                break;
            case "user install only":
                interaction["authorizing_integration_owners"] = new JsonObject { ["1"] = "53908232506183680" };
                break;
            case "owner of another server":
                interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = "111111111111111111", ["1"] = "53908232506183680" };
                break;
            default:
                interaction.Remove("authorizing_integration_owners");
                break;
        }

        _bot.Knowledge.Write("extra.md", "---\nid: extra\ntitle: Extra\npublisher: Test Wire\npublished: 2023-01-05\nlanguage: en\n---\n\nOn 3 January 2023, the two sides met in Baku.\n");

        var response = await Interact(interaction);

        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.DoesNotMatch("^Reindexed", response["data"]!["content"]!.GetValue<string>());
        var sources = await Interact(Interaction(2, Command("sources")));
        Assert.StartsWith("1 document(s)", sources["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithModeratorGuildIdsOnlyThoseServersModeratorsCanReindex()
    {
        await using var bot = await TestBot.StartAsync(settings:
            [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", "Discord:ModeratorGuildIds:0=424242424242424242"]);
        var elsewhere = Interaction(2, Command("reindex"), permissions: "8");
        var home = Interaction(2, Command("reindex"), permissions: "8");
        home["guild_id"] = "424242424242424242";
        home["authorizing_integration_owners"] = new JsonObject { ["0"] = "424242424242424242" };

        var refused = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(elsewhere.ToJsonString()))).Content.ReadAsStringAsync())!;
        var accepted = JsonNode.Parse(await (await bot.Client.SendAsync(Signed(home.ToJsonString()))).Content.ReadAsStringAsync())!;

        Assert.DoesNotMatch("^(Reindexed|Nothing changed)", refused["data"]!["content"]!.GetValue<string>());
        Assert.Matches("^(Reindexed|Nothing changed)", accepted["data"]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("32", null)]
    [InlineData("8", null)]
    [InlineData("0", ModeratorRole)]
    public async Task ModeratorsCanReindex(string permissions, string? role)
    {
        _bot.Knowledge.Write("extra.md", "---\nid: extra\ntitle: Extra\npublisher: Test Wire\npublished: 2023-01-05\nlanguage: en\n---\n\nOn 3 January 2023, the two sides met in Baku.\n");

        var response = await Interact(Interaction(2, Command("reindex"), permissions, role is null ? null : [role]));

        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        var content = response["data"]!["content"]!.GetValue<string>();
        Assert.Matches(@"^Reindexed: 2 document\(s\), 25 paragraphs in \d+\.\d\d s \(generation 2 here; content [0-9a-f]{12},", content);
        // The content hash is the one /healthz reports, so a moderator can check what each replica serves.
        var health = await _bot.Client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Contains(health.GetProperty("contentHash").GetString()![..12], content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowReindexIsDeferredAndTheReplyEditedWhenDone()
    {
        await using var bot = await TestBot.StartAsync(settings:
            [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", $"Discord:ApiBaseUrl={_discord.BaseUrl}", "Discord:ReindexReplyWithinMilliseconds=0"]);
        bot.Knowledge.Write("bad.md", "no front matter\n");

        var response = await bot.Client.SendAsync(Signed(Interaction(2, Command("reindex"), permissions: "32").ToJsonString()));
        var deferred = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(5, deferred["type"]!.GetValue<int>());
        Assert.Equal(64, deferred["data"]!["flags"]!.GetValue<int>());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_discord.Requests.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var edit = Assert.Single(_discord.Requests);
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal($"/api/v10/webhooks/{ApplicationId}/A_UNIQUE_TOKEN/messages/@original", edit.Path);
        var content = JsonNode.Parse(edit.Body)!["content"]!.GetValue<string>();
        Assert.StartsWith("Reindex refused, the current index stays in service. Fix 1 error(s):", content, StringComparison.Ordinal);
        Assert.Contains("`bad.md:1`", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "frobnicate")]
    [InlineData(5, null)]
    public async Task UnknownCommandsAndInteractionTypesGetAPoliteEphemeralReply(int type, string? command)
    {
        var response = await Interact(Interaction(type, command is null ? new JsonObject { ["custom_id"] = "modal" } : Command(command)));

        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("Sorry", response["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // Signed bodies that are not shaped as Discord documents an interaction: the fields the bot reads with another type.
    public static TheoryData<string> OddShapes => new()
    {
        """{"type":2}""",
        """{"type":3}""",
        """{"type":4}""",
        """{"type":2,"data":null}""",
        """{"type":2,"data":"ask"}""",
        """{"type":2.5,"data":{"name":"ask"}}""",
        """{"type":"2","data":{"name":"ask"}}""",
        """{"type":1e400}""",
        """{"data":{"name":"ask"}}""",
        """{"type":2,"data":{"name":5}}""",
        """{"type":2,"data":{"options":[]}}""",
        """{"type":2,"data":{"name":"ask","options":{"question":"When?"}}}""",
        """{"type":2,"data":{"name":"ask","options":[5]}}""",
        """{"type":2,"data":{"name":"ask","options":[{"name":5,"value":"When?"}]}}""",
        """{"type":2,"data":{"name":"ask","options":[{"name":"question","value":{"text":"When?"}}]}}""",
        """{"type":2,"data":{"name":"ask","options":[{"name":"question","value":["When?"]}]}}""",
        """{"type":2,"data":{"name":"ask","options":[{"name":"question","type":"3","value":"When?"}]}}""",
        """{"type":4,"data":{"name":"ask","options":[{"name":"question","value":"kh","focused":"yes"}]}}""",
        """{"type":2,"data":{"name":"Ask PakAzBot","target_id":5}}""",
        """{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":"x"}}""",
        """{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":{"messages":[]}}}""",
        """{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":{"messages":{"1":"When?"}}}}""",
        """{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":{"messages":{"1":{"content":5}}}}}""",
        """{"type":3,"data":{"custom_id":5}}""",
        """{"type":3,"data":{"custom_id":null}}""",
        """{"type":2,"member":"x","data":{"name":"sources"}}""",
        """{"type":2,"member":{"user":"x"},"data":{"name":"sources"}}""",
        """{"type":2,"member":{"user":{"id":42}},"data":{"name":"sources"}}""",
        """{"type":2,"member":{"roles":"777777777777777777"},"data":{"name":"reindex"}}""",
        """{"type":2,"member":{"roles":[777777777777777777]},"data":{"name":"reindex"}}""",
        """{"type":2,"member":{"permissions":32},"data":{"name":"reindex"}}""",
        """{"type":2,"user":["42"],"data":{"name":"sources"}}""",
        """{"type":2,"token":5,"data":{"name":"reindex"}}""",
        """{"type":3,"message":"x","data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":{"author":{"name":"Q: x"}}},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":[5]},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":[{"author":"Q: x"}]},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":[{"author":{"name":5}}]},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":2,"data":{"name":"ask","options":[{"name":"question","value":"\ud800"}]}}""",
        """{"type":2,"id":786008729715212338,"data":{"name":"sources"}}""",
        """{"type":2,"application_id":1011121314151617181,"data":{"name":"ask","options":[{"name":"question","value":"When?"}]}}""",
        """{"type":2,"guild_id":290926798626357999,"data":{"name":"reindex"}}""",
        """{"type":2,"authorizing_integration_owners":["290926798626357999"],"data":{"name":"reindex"}}""",
        """{"type":2,"authorizing_integration_owners":{"0":290926798626357999},"data":{"name":"reindex"}}""",
        """{"type":3,"message":{"id":5,"embeds":[]},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":[{"fields":{"name":"Question"}}]},"data":{"custom_id":"fb|up|x#1"}}""",
        """{"type":3,"message":{"embeds":[{"fields":[{"name":"Question","value":5}]}]},"data":{"custom_id":"fb|up|x#1"}}""",
        """[{"type":2}]""",
        "\"interaction\"",
    };

    [Theory]
    [MemberData(nameof(OddShapes))]
    public async Task ASignedInteractionOfAnUndocumentedShapeIsABadRequestWithAJsonReason(string body)
    {
        var response = await _bot.Client.SendAsync(Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.SendAsync(Signed(Interaction(1, null).ToJsonString()))).StatusCode);
    }

    // Documented shapes whose values are not what this bot's commands take: a polite private notice, or the default.
    public static TheoryData<string, int, bool> DocumentedButUnexpected => new()
    {
        { """{"type":2,"data":{"name":"ask","options":[{"name":"question","type":4,"value":5}]}}""", 4, true },
        { """{"type":2,"data":{"name":"ask","options":[{"name":"question","type":3,"value":null}]}}""", 4, true },
        { """{"type":2,"data":{"name":"Ask PakAzBot","target_id":"1","resolved":{"messages":{}}}}""", 4, true },
        { """{"type":2,"data":{"name":"timeline","options":[{"name":"from","type":4,"value":1991.5}]}}""", 4, false },
        { """{"type":4,"data":{"name":"ask","options":[{"name":"question","type":4,"value":12,"focused":true}]}}""", 8, false },
        { """{"type":3,"data":{"custom_id":"tl|x|y|z|w"}}""", 4, true },
        { """{"type":3,"data":{"custom_id":"tl|-5|||"}}""", 7, false },
        { """{"type":3,"data":{"custom_id":"tl|2147483647|banana|1991-13|"}}""", 7, false },
        { """{"type":5,"data":{"custom_id":"modal","components":"x"}}""", 4, true },
        { """{"type":99,"data":5}""", 4, true },
        { """{"type":2,"member":{"user":null,"roles":[],"permissions":"not a number"},"data":{"name":"reindex"}}""", 4, true },
        // Picks: without the message the question is on, of a passage not in the sources, or of no passage at all.
        { """{"type":3,"data":{"custom_id":"pick|tdi-2022-06-11-pakistan-azerbaijan-30-years#11"}}""", 4, true },
        { """{"type":3,"data":{"custom_id":"none"}}""", 4, true },
        { """{"type":3,"message":{"id":"9","embeds":[{"author":{"name":"Q: When?"}}]},"data":{"custom_id":"pick|no-such-document#1"}}""", 4, true },
        { """{"type":3,"message":{"id":"9","embeds":[{"author":{"name":"Q: When?"}}]},"data":{"custom_id":"pick|"}}""", 4, true },
        { """{"type":3,"message":{"id":"9","embeds":[{"author":{"name":"Q: When?"}}]},"data":{"custom_id":"pick|a|b"}}""", 4, true },
        { """{"type":3,"message":{"id":"9","embeds":[{"author":{"name":"no prefix"}}]},"data":{"custom_id":"none"}}""", 4, true },
    };

    [Theory]
    [MemberData(nameof(DocumentedButUnexpected))]
    public async Task ADocumentedShapeWithValuesNoCommandTakesGetsAPoliteReply(string body, int responseType, bool notice)
    {
        var response = await _bot.Client.SendAsync(Signed(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(responseType, json["type"]!.GetValue<int>());
        if (notice)
        {
            Assert.Equal(64, json["data"]!["flags"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task AFloodFromOneUserIsSlowedDown()
    {
        await using var bot = await TestBot.StartAsync(settings: [$"Discord:PublicKey={TestPublicKey}", $"Discord:ApplicationId={ApplicationId}", "RateLimit:PermitLimit=2"]);
        // Each a new interaction (its own id), as a user asking again sends; a replay of one would not count.
        JsonObject Ask() => Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?")));

        for (var i = 0; i < 2; i++)
        {
            await bot.Client.SendAsync(Signed(Ask().ToJsonString()));
        }

        var flooded = await bot.Client.SendAsync(Signed(Ask().ToJsonString()));
        Assert.Contains("Slow down", await flooded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = Interaction(2, Command("ask", ("question", "When did Pakistan recognize Azerbaijan?")));
        other["member"]!["user"]!["id"] = "99999";
        Assert.Contains("12 December 1991", await (await bot.Client.SendAsync(Signed(other.ToJsonString()))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
