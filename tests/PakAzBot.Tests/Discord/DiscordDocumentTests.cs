using System.Text.Json.Nodes;
using PakAzBot.Discord;
using PakAzBot.Tests.Moderation;

namespace PakAzBot.Tests.Discord;

/// <summary>/add-document and /remove-document through signed interactions, the attachment on a fake CDN.</summary>
public sealed partial class DiscordTests
{
    private static JsonObject AddDocument(string url, string fileName, long size) => new()
    {
        ["id"] = "771825006014889985",
        ["name"] = DiscordCommands.AddDocument,
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject { ["name"] = "file", ["type"] = 11, ["value"] = "1180000000000000001" }),
        ["resolved"] = new JsonObject
        {
            ["attachments"] = new JsonObject
            {
                ["1180000000000000001"] = new JsonObject
                {
                    ["id"] = "1180000000000000001", ["filename"] = fileName, ["size"] = size, ["url"] = url, ["content_type"] = "text/markdown; charset=utf-8",
                },
            },
        },
    };

    private static string CustomId(JsonObject response, int button) =>
        response["data"]!["components"]![0]!["components"]![button]!["custom_id"]!.GetValue<string>();

    [Fact]
    public async Task AModeratorAddsADocumentFromAnAttachmentAfterAReviewAndOnlyTheyCanConfirm()
    {
        await using var cdn = await FakeFileHost.StartAsync();
        var bytes = Documents.Bytes(Documents.Markdown());
        var url = cdn.Put("/attachments/1/2/caspian-ferry-2024.md", bytes);

        var review = await Interact(Interaction(2, AddDocument(url, "caspian-ferry-2024.md", bytes.Length), permissions: "32"));

        Assert.Equal(4, review["type"]!.GetValue<int>());
        var content = DiscordMessages.Unescape(review["data"]!["content"]!.GetValue<string>());
        Assert.Contains("A ferry across the Caspian", content);
        Assert.Contains("Caspian Courier, published 2024-03-20", content);
        Assert.Contains("4 paragraph(s)", content);
        Assert.Contains("2024-03-14: The first ferry", content);
        Assert.Equal(DiscordMessages.Ephemeral, review["data"]!["flags"]!.GetValue<int>());
        var confirm = CustomId(review, 0);

        var byOther = Interaction(3, Button(confirm), permissions: "32");
        byOther["member"]!["user"]!["id"] = "53908232506183681";
        var refused = await Interact(byOther);
        Assert.Equal(4, refused["type"]!.GetValue<int>());
        Assert.Contains("Only the moderator who asked", refused["data"]!["content"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(_bot.Knowledge.Path, "caspian-ferry-2024.md")));

        var done = await Interact(Interaction(3, Button(confirm), permissions: "32"));
        Assert.Equal(7, done["type"]!.GetValue<int>());
        Assert.StartsWith("Done: added `caspian-ferry-2024`", done["data"]!["content"]!.GetValue<string>());
        Assert.Empty(done["data"]!["components"]!.AsArray());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_bot.Knowledge.Path, "caspian-ferry-2024.md")));

        // Confirmed once: a second click changes nothing.
        var twice = await Interact(Interaction(3, Button(confirm), permissions: "32"));
        Assert.Contains("no longer waiting", twice.ToJsonString());
    }

    [Fact]
    public async Task NonModeratorsAndHostileAttachmentsAreRefused()
    {
        await using var cdn = await FakeFileHost.StartAsync();
        var url = cdn.Put("/attachments/archive.md", [0x50, 0x4b, 0x03, 0x04, 0, 0]);

        var member = await Interact(Interaction(2, AddDocument(url, "archive.md", 6)));
        Assert.Contains("Only moderators", member["data"]!["content"]!.GetValue<string>());

        var zip = await Interact(Interaction(2, AddDocument(url, "archive.md", 6), permissions: "32"));
        Assert.Contains("zip archive", zip["data"]!["content"]!.GetValue<string>());
        var big = await Interact(Interaction(2, AddDocument(url, "big.md", 5_000_000), permissions: "32"));
        Assert.Contains("at most 1024 KB", big["data"]!["content"]!.GetValue<string>());
        var path = await Interact(Interaction(2, AddDocument(url, "../x.md", 6), permissions: "32"));
        Assert.Contains("without a folder or a path", path["data"]!["content"]!.GetValue<string>());
        Assert.Null(zip["data"]!["components"]);
    }

    [Fact]
    public async Task RemoveDocumentAutocompletesIdsAndCancelLeavesTheDocument()
    {
        var autocomplete = await Interact(Interaction(4, new JsonObject
        {
            ["id"] = "771825006014889986", ["name"] = DiscordCommands.RemoveDocument, ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "id", ["type"] = 3, ["value"] = "tdi", ["focused"] = true }),
        }));
        Assert.Equal(8, autocomplete["type"]!.GetValue<int>());
        var id = autocomplete["data"]!["choices"]![0]!["value"]!.GetValue<string>();
        Assert.Equal("tdi-2022-06-11-pakistan-azerbaijan-30-years", id);

        var review = await Interact(Interaction(2, Command(DiscordCommands.RemoveDocument, ("id", id)), permissions: "32"));
        // The only document: removing it would leave nothing to answer from, so there is nothing to confirm.
        Assert.Contains("no documents found", review["data"]!["content"]!.GetValue<string>());
        Assert.Null(review["data"]!["components"]);
        Assert.True(File.Exists(Path.Combine(_bot.Knowledge.Path, id + ".md")));
    }
}
