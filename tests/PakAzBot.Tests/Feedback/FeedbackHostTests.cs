using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Core.Feedback;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Feedback;

/// <summary>The server's feedback store at start: the old log's votes come along, and a setting that cannot work stops it.</summary>
[Collection(HostCollection.Name)]
public sealed class FeedbackHostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Line(string user, string vote, string? answer, string time) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["time"] = time, ["surface"] = "discord", ["user"] = user, ["question"] = "When?", ["passage"] = "doc#7", ["vote"] = vote, ["answer"] = answer,
        }.ToJsonString();

    [Fact]
    public async Task AnOldLogSettingIsImportedOnceAtStartAndKept()
    {
        var log = _folder.Write("pod-1.jsonl", Line("1", "down", "a1", "2026-01-01T10:00:00+00:00") + "\n" + Line("1", "up", "a1", "2026-01-01T10:01:00+00:00") + "\n"
            + Line("2", "down", "a1", "2026-01-01T10:02:00+00:00") + "\n");
        var before = File.ReadAllBytes(log);

        for (var start = 0; start < 2; start++)
        {
            await using var bot = await TestBot.StartAsync(settings: $"Feedback:Path={log}");
            var stored = await bot.Services.GetRequiredService<IFeedbackStore>().ReadAllAsync();
            Assert.Equal([("1", "up"), ("2", "down")], stored.Select(v => (v.UserId, v.Vote)).Order());
        }

        Assert.Equal(before, File.ReadAllBytes(log));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "pod-1.db")));
    }

    [Fact]
    public async Task ABadLineInTheOldLogStopsTheStartNamingIt()
    {
        var log = _folder.Write("feedback.jsonl", Line("1", "down", "a1", "2026-01-01T10:00:00+00:00") + "\n{\"vote\":\"sideways\"}\n");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestBot.StartAsync(settings: $"Feedback:Path={Path.Combine(_folder.Path, "feedback.db")}"));

        Assert.Contains($"{log}:2: not a feedback entry", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderAsTheDatabaseStopsTheStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestBot.StartAsync(settings: $"Feedback:Path={_folder.Path}"));

        Assert.Contains($"Feedback:Path {_folder.Path} is a folder", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
