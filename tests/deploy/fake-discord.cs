#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// A stand-in for Discord's REST API and Gateway on one loopback port, for tests/deploy/gateway-shards.sh:
//   GET  /api/v10/gateway/bot              the Gateway at ws://…/gateway, SHARDS shards, max_concurrency 16
//   POST /api/v10/channels/{id}/messages   records the reply (message_reference.message_id)
//   POST /api/v10/channels/{id}/typing     204
//   WS   /gateway                          Hello, READY on Identify, ACK for each heartbeat; Resume is refused (op 9)
//   POST /control/send?shard=S&id=N        a MESSAGE_CREATE mentioning the bot, on shard S's connection
//   GET  /control/replies                  the ids replied to, one line each, repeats included
// Usage: dotnet run tests/deploy/fake-discord.cs -- PORT SHARDS
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

var port = int.Parse(args[0]);
var shards = int.Parse(args[1]);
const string BotId = "900000000000000001";
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
var app = builder.Build();
var sessions = new ConcurrentDictionary<int, (WebSocket Socket, SemaphoreSlim Gate, long[] Seq)>();
var replies = new ConcurrentQueue<string>();

async Task Send(WebSocket socket, SemaphoreSlim gate, JsonNode payload)
{
    await gate.WaitAsync();
    try { await socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None); }
    finally { gate.Release(); }
}

app.UseWebSockets();
app.MapGet("/api/v10/gateway/bot", () => Results.Json(new
{
    url = $"ws://127.0.0.1:{port}/gateway",
    shards,
    session_start_limit = new { total = 1000, remaining = 1000, reset_after = 0, max_concurrency = 16 },
}));
app.MapPost("/api/v10/channels/{id}/typing", () => Results.NoContent());
app.MapPost("/api/v10/channels/{id}/messages", async (HttpRequest request) =>
{
    var body = await JsonNode.ParseAsync(request.Body);
    replies.Enqueue((string)body!["message_reference"]!["message_id"]!);
    return Results.Json(new { id = Guid.NewGuid().ToString("N") });
});
app.MapGet("/control/replies", () => string.Join('\n', replies) + "\n");
app.MapPost("/control/send", async (int shard, string id) =>
{
    if (!sessions.TryGetValue(shard, out var s))
    {
        return Results.NotFound($"shard {shard} is not connected");
    }

    var message = new JsonObject
    {
        ["id"] = id, ["channel_id"] = "645027906669510667", ["guild_id"] = "290926798626357999", ["type"] = 0,
        ["content"] = $"<@{BotId}> When did Pakistan recognize Azerbaijan?",
        ["author"] = new JsonObject { ["id"] = "123456789012345678", ["username"] = "asker" },
        ["mentions"] = new JsonArray(new JsonObject { ["id"] = BotId }), ["mention_everyone"] = false,
    };
    await Send(s.Socket, s.Gate, new JsonObject { ["op"] = 0, ["s"] = Interlocked.Increment(ref s.Seq[0]), ["t"] = "MESSAGE_CREATE", ["d"] = message });
    return Results.Ok();
});
app.Map("/gateway", async (HttpContext context) =>
{
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var gate = new SemaphoreSlim(1, 1);
    var seq = new long[1];
    var shard = -1;
    await Send(socket, gate, new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = 1000 } });
    var buffer = new byte[1 << 20];
    try
    {
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) break;
            var payload = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
            switch (payload.GetProperty("op").GetInt32())
            {
                case 1:
                    await Send(socket, gate, new JsonObject { ["op"] = 11 });
                    break;
                case 2:
                    shard = payload.GetProperty("d").GetProperty("shard")[0].GetInt32();
                    sessions[shard] = (socket, gate, seq);
                    Console.WriteLine($"shard {shard} identified");
                    await Send(socket, gate, new JsonObject
                    {
                        ["op"] = 0, ["s"] = Interlocked.Increment(ref seq[0]), ["t"] = "READY",
                        ["d"] = new JsonObject
                        {
                            ["v"] = 10, ["user"] = new JsonObject { ["id"] = BotId, ["bot"] = true }, ["guilds"] = new JsonArray(),
                            ["session_id"] = Guid.NewGuid().ToString("N"), ["resume_gateway_url"] = $"ws://127.0.0.1:{port}/gateway",
                        },
                    });
                    break;
                case 6:
                    await Send(socket, gate, new JsonObject { ["op"] = 9, ["d"] = false });
                    break;
            }
        }
    }
    catch (Exception e) when (e is WebSocketException or IOException)
    {
    }
    finally
    {
        if (shard >= 0 && sessions.TryGetValue(shard, out var s) && s.Socket == socket)
        {
            sessions.TryRemove(shard, out _);
            Console.WriteLine($"shard {shard} disconnected");
        }
    }
});
app.Run();
