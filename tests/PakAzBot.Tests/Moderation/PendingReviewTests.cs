using Microsoft.Extensions.Logging.Abstractions;
using PakAzBot.Core.Moderation;
using PakAzBot.Feedback;

namespace PakAzBot.Tests.Moderation;

public sealed class PendingReviewTests : IDisposable
{
    private readonly TempFolder _knowledge = new();
    private readonly TempFolder _data = new();

    public PendingReviewTests()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(_knowledge.Path, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _data.Dispose();
    }

    private async Task<(ModerationService Service, ManualClock Clock, SqliteFeedbackStore Audit)> StartAsync()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var audit = new SqliteFeedbackStore(Path.Combine(_data.Path, "feedback.db"));
        await audit.MigrateAsync();
        return (new ModerationService(_knowledge.Path, new FolderKnowledgeSink(_knowledge.Path), audit, null, clock, NullLogger<ModerationService>.Instance), clock, audit);
    }

    private static readonly Moderator Amina = new("discord", "111", "Amina"), Bilal = new("discord", "222", "Bilal");

    [Fact]
    public async Task AConfirmAfterTenMinutesIsRefusedAndChangesNothing()
    {
        var (service, clock, _) = await StartAsync();
        var bytes = Documents.Bytes(Documents.Markdown());
        var (review, _) = service.ReviewAdd("caspian-ferry-2024.md", bytes);
        var token = await service.HoldOrRefuseAsync(review!, bytes, Amina, CancellationToken.None);

        clock.Now += TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        var late = await service.ConfirmAsync(token!, Amina, CancellationToken.None);

        Assert.False(late.Succeeded);
        Assert.True(late.NotTaken);
        Assert.Contains("more than 10 minutes old", late.Message);
        Assert.False(File.Exists(Path.Combine(_knowledge.Path, "caspian-ferry-2024.md")));
    }

    [Fact]
    public async Task OnlyTheSameModeratorConfirmsWithinTenMinutesAndEveryOutcomeIsAudited()
    {
        var (service, clock, audit) = await StartAsync();
        var bytes = Documents.Bytes(Documents.Markdown());
        var (review, _) = service.ReviewAdd("caspian-ferry-2024.md", bytes);
        var token = await service.HoldOrRefuseAsync(review!, bytes, Amina, CancellationToken.None);

        Assert.True((await service.ConfirmAsync(token!, Bilal, CancellationToken.None)).NotTaken);
        clock.Now += TimeSpan.FromMinutes(9);
        Assert.True((await service.ConfirmAsync(token!, Amina, CancellationToken.None)).Succeeded);

        var removal = service.ReviewRemove(Documents.NewId);
        var second = await service.HoldOrRefuseAsync(removal!, null, Bilal, CancellationToken.None);
        Assert.True((await service.CancelAsync(second!, Bilal, CancellationToken.None)).Succeeded);
        Assert.True(File.Exists(Path.Combine(_knowledge.Path, "caspian-ferry-2024.md")));

        var entries = await audit.ReadDocumentChangesAsync();
        Assert.Equal([("add", "applied", "Amina"), ("remove", "cancelled", "Bilal")], entries.Select(e => (e.Action, e.Outcome, e.ModeratorName)));
        Assert.Equal(entries[0].HashAfter, entries[1].HashBefore);
        Assert.NotEqual(entries[0].HashBefore, entries[0].HashAfter);
    }
}
