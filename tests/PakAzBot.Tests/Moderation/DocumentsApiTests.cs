using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PakAzBot.Core.Moderation;
using PakAzBot.Tests.Host;

namespace PakAzBot.Tests.Moderation;

[Collection(HostCollection.Name)]
public sealed class DocumentsApiTests : IAsyncLifetime
{
    private const string Token = "admin-token-0123456789";
    private readonly TempFolder _data = new();
    private TestBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await TestBot.StartAsync(settings: [$"Admin:Token={Token}", $"Feedback:Path={Path.Combine(_data.Path, "feedback.db")}"]);

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _data.Dispose();
    }

    private Task<HttpResponseMessage> Upload(string name, byte[] bytes, string query = "", string token = Token)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/documents" + query) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _bot.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> Delete(string id, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/documents/{id}{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return _bot.Client.SendAsync(request);
    }

    private async Task<IReadOnlyList<DocumentAuditEntry>> Audit() =>
        await _bot.Services.GetRequiredService<IDocumentAudit>().ReadDocumentChangesAsync();

    [Fact]
    public async Task ADryRunReviewsWithoutChangingAnything()
    {
        var response = await Upload("caspian-ferry-2024.md", Documents.Bytes(Documents.Markdown()), "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("add", review.GetProperty("action").GetString());
        Assert.Equal(Documents.NewId, review.GetProperty("id").GetString());
        Assert.Equal("A ferry across the Caspian", review.GetProperty("title").GetString());
        Assert.Equal("Caspian Courier", review.GetProperty("publisher").GetString());
        Assert.Equal("2024-03-20", review.GetProperty("published").GetString());
        Assert.Equal(4, review.GetProperty("paragraphs").GetInt32());
        Assert.Equal(3, review.GetProperty("samples").GetArrayLength());
        Assert.StartsWith("2024-03-14: The first ferry", review.GetProperty("samples")[0].GetString());
        Assert.True(review.GetProperty("valid").GetBoolean());
        Assert.False(File.Exists(Path.Combine(_bot.Knowledge.Path, "caspian-ferry-2024.md")));
        Assert.Empty(await Audit());
    }

    [Fact]
    public async Task AnAddIsAppliedReindexedAnsweredAndAudited()
    {
        var response = await Upload("caspian-ferry-2024.md", Documents.Bytes(Documents.Markdown()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var hash = body.GetProperty("contentHash").GetString();
        Assert.Equal(hash, body.GetProperty("contentHashAfter").GetString());
        var health = await _bot.WaitForGenerationAsync(2);
        Assert.Equal(hash, health.GetProperty("contentHash").GetString());
        var (_, answer) = await _bot.AskAsync(Documents.Question);
        Assert.Contains("14 March 2024", answer.GetRawText());
        var entry = Assert.Single(await Audit());
        Assert.Equal(("add", Documents.NewId, "applied", hash), (entry.Action, entry.DocumentId, entry.Outcome, entry.HashAfter));
        Assert.NotNull(entry.HashBefore);

        // The same file again changes nothing.
        var again = await Upload("caspian-ferry-2024.md", Documents.Bytes(Documents.Markdown()));
        await TestBot.AssertErrorAsync(again, 409, "byte for byte");

        // A new version replaces it, under the file it has.
        var replaced = await Upload("renamed.md", Documents.Bytes(Documents.Markdown(title: "The Caspian ferry")));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("caspian-ferry-2024.md", (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replaces").GetString());
        Assert.False(File.Exists(Path.Combine(_bot.Knowledge.Path, "renamed.md")));

        var removed = await Delete(Documents.NewId);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False(File.Exists(Path.Combine(_bot.Knowledge.Path, "caspian-ferry-2024.md")));
        Assert.Equal(["add", "replace", "remove"], (await Audit()).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Documents.Hostile), MemberType = typeof(Documents))]
    public async Task EachHostileFileGetsAClearRefusalAndChangesNothing(string name, string base64, int status, string phrase)
    {
        var before = Directory.GetFiles(_bot.Knowledge.Path).Select(File.ReadAllBytes).ToList();

        var response = await Upload(name, Convert.FromBase64String(base64));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(phrase, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(_bot.Knowledge.Path).Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public async Task ProblemsAre422WithFileAndLine()
    {
        var response = await Upload("bad.md", Documents.Bytes(Documents.Markdown().Replace("published: 2024-03-20", "published: March 2024", StringComparison.Ordinal)));

        Assert.Equal(422, (int)response.StatusCode);
        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetString()!.StartsWith("bad.md:5: published 'March 2024' is not a date", StringComparison.Ordinal));
        Assert.Equal("cancelled", Assert.Single(await Audit()).Outcome);
    }

    [Fact]
    public async Task RemovingAnUnknownDocumentIs404AndTheTokenIsChecked()
    {
        await TestBot.AssertErrorAsync(await Delete("no-such-document"), 404, "No document has that id");
        await TestBot.AssertErrorAsync(await Upload("x.md", [1], token: "wrong-token-0123456789"), 401, "Admin:Token");
        var dry = await Delete("tdi-2022-06-11-pakistan-azerbaijan-30-years", "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.True(File.Exists(Path.Combine(_bot.Knowledge.Path, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md")));
        // Removing the only document would leave a folder the bot refuses: 422, nothing removed.
        var last = await Delete("tdi-2022-06-11-pakistan-azerbaijan-30-years");
        Assert.Equal(422, (int)last.StatusCode);
        Assert.Contains("no documents found", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_bot.Knowledge.Path, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md")));
    }

    [Fact]
    public async Task ANonMultipartBodyIs415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/documents") { Content = new StringContent("hello") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await TestBot.AssertErrorAsync(await _bot.Client.SendAsync(request), 415, "multipart/form-data");
    }
}
