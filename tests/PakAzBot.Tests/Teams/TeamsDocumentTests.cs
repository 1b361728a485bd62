using System.Text.Json.Nodes;
using PakAzBot.Teams;
using PakAzBot.Tests.Moderation;

namespace PakAzBot.Tests.Teams;

/// <summary>A moderator sends the bot a .md file in personal chat (a file download info attachment with a downloadUrl).</summary>
public sealed partial class TeamsTests
{
    private JsonObject FileMessage(string name, string downloadUrl, string aadObjectId)
    {
        var activity = Message("", "a:1personal-chat", mention: false);
        activity["conversation"]!["conversationType"] = "personal";
        activity["from"]!["aadObjectId"] = aadObjectId;
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = TeamsBot.FileDownloadInfo,
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/amina/Documents/Files/" + name,
            ["name"] = name,
            ["content"] = new JsonObject { ["downloadUrl"] = downloadUrl, ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C", ["fileType"] = "md" },
        });
        return activity;
    }

    [Fact]
    public async Task AModeratorSendsAFileInPersonalChatReviewsAndConfirms()
    {
        await using var files = await FakeFileHost.StartAsync();
        var bytes = Documents.Bytes(Documents.Markdown());
        var url = files.Put("/download/caspian-ferry-2024.md", bytes);

        var stranger = await Exchange(FileMessage("caspian-ferry-2024.md", url, "00000000-0000-0000-0000-0000000000bb"));
        Assert.Contains("only moderators", stranger["text"]!.GetValue<string>());

        var review = await Exchange(FileMessage("caspian-ferry-2024.md", url, Moderator));
        var card = Card(review);
        var texts = Texts(card["body"]).ToList();
        Assert.Contains("Title: A ferry across the Caspian", texts);
        Assert.Contains(texts, t => t.StartsWith("• 2024-03-14: The first ferry", StringComparison.Ordinal));
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["Confirm", "Cancel"], actions.Select(a => a!["title"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal("Action.Submit", a!["type"]!.GetValue<string>()));
        var confirm = actions[0]!["data"]!.DeepClone().AsObject();

        var other = Message("", "a:1personal-chat", mention: false, value: confirm.DeepClone().AsObject());
        var refused = await Exchange(other);
        Assert.Contains("Only the moderator who asked", refused["text"]!.GetValue<string>());

        var byModerator = Message("", "a:1personal-chat", mention: false, value: confirm);
        byModerator["from"]!["aadObjectId"] = Moderator;
        var done = await Exchange(byModerator);
        Assert.StartsWith("Done: added `caspian-ferry-2024`", done["text"]!.GetValue<string>());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_bot.Knowledge.Path, "caspian-ferry-2024.md")));
    }

    [Fact]
    public async Task AHostileFileFromTeamsIsRefusedWithAReason()
    {
        await using var files = await FakeFileHost.StartAsync();
        var url = files.Put("/download/notes.md", [0xff, 0xfe, 0x41, 0x00]);

        var binary = await Exchange(FileMessage("notes.md", url, Moderator));
        Assert.Contains("binary", binary["text"]!.GetValue<string>());
        var zip = await Exchange(FileMessage("notes.zip", url, Moderator));
        Assert.Contains("Only Markdown documents", zip["text"]!.GetValue<string>());
        var missing = await Exchange(FileMessage("gone.md", files.BaseUrl + "/download/gone.md", Moderator));
        Assert.Contains("answered 404", missing["text"]!.GetValue<string>());
    }
}
