using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Core.Moderation;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Moderation;

/// <summary>
/// Knowledge:Source=git against a real local bare repository: the bot commits and pushes a moderator's document,
/// a git-sync-style checkout of the branch brings it, and a serve replica on that checkout answers from it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class GitSourceTests : IDisposable
{
    private const string Token = "admin-token-0123456789";
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@localhost";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }

    /// <summary>A bare repository whose main branch holds the seed knowledge, as the one git-sync follows.</summary>
    private string Repository()
    {
        var bare = Path.Combine(_root.Path, "knowledge.git");
        Directory.CreateDirectory(bare);
        Git(bare, "init", "--quiet", "--bare", "--initial-branch=main");
        var seed = Path.Combine(_root.Path, "seed");
        Git(_root.Path, "clone", "--quiet", bare, seed);
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(seed, Path.GetFileName(file)));
        }

        Git(seed, "checkout", "--quiet", "-b", "main");
        Git(seed, "add", "--all");
        Git(seed, "commit", "--quiet", "-m", "Seed knowledge");
        Git(seed, "push", "--quiet", "origin", "main");
        return bare;
    }

    [Fact]
    public async Task AnAddIsCommittedWithTheModeratorPushedSyncedAndAnswered()
    {
        var bare = Repository();
        await using var bot = await TestBot.StartAsync(settings:
        [
            $"Admin:Token={Token}", "Knowledge:Source=git", $"Knowledge:Git:Repository={bare}", "Knowledge:Git:Branch=main",
            $"Knowledge:Git:WorkPath={Path.Combine(_root.Path, "work")}", $"Feedback:Path={Path.Combine(_root.Path, "feedback.db")}",
        ]);
        // Another editor pushes while the bot's change is on its way: the push is refused and made again on the new head.
        var sink = (GitKnowledgeSink)bot.Services.GetRequiredService<IKnowledgeSink>();
        var moved = false;
        sink.BeforePush = () =>
        {
            if (!moved)
            {
                moved = true;
                var other = Path.Combine(_root.Path, "other");
                Git(_root.Path, "clone", "--quiet", "--branch", "main", bare, other);
                File.WriteAllText(Path.Combine(other, "NOTES.txt"), "an unrelated change\n");
                Git(other, "add", "--all");
                Git(other, "commit", "--quiet", "-m", "Meanwhile");
                Git(other, "push", "--quiet", "origin", "main");
            }

            return Task.CompletedTask;
        };

        var form = new MultipartFormDataContent { { new ByteArrayContent(Documents.Bytes(Documents.Markdown())), "file", "caspian-ferry-2024.md" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/documents") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await bot.Client.SendAsync(request);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        Assert.Contains("git-sync", body.GetProperty("message").GetString());
        var log = Git(bare, "log", "--format=%an|%B", "-n", "2", "main");
        Assert.Contains("Add caspian-ferry-2024 (caspian-ferry-2024.md)", log);
        Assert.Contains("By moderator admin API from", log);
        Assert.Contains("Meanwhile", log);
        // The bot's own replica reads the folder, not the repository: nothing there changed yet.
        Assert.False(File.Exists(Path.Combine(bot.Knowledge.Path, "caspian-ferry-2024.md")));

        // git-sync: a checkout of the branch, which a serve replica reads as its knowledge folder.
        var checkout = Path.Combine(_root.Path, "checkout");
        Git(_root.Path, "clone", "--quiet", "--depth", "1", "--branch", "main", bare, checkout);
        await using var replica = await TestBot.StartAsync(settings: [$"Knowledge:Path={checkout}"]);
        var health = await replica.WaitForGenerationAsync(1);
        Assert.Equal(body.GetProperty("contentHash").GetString(), health.GetProperty("contentHash").GetString());
        var (status, answer) = await replica.AskAsync(Documents.Question);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("14 March 2024", answer.GetRawText());
    }
}
