using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PakAzBot.Tests.Moderation;

/// <summary>Documents moderators send in the tests: a good one, and each kind of hostile file.</summary>
internal static class Documents
{
    public const string NewId = "caspian-ferry-2024";

    /// <summary>A sentence only the new document says, and a question it answers.</summary>
    public const string NewSentence = "The first ferry between Baku and Karachi sailed on 14 March 2024.";

    public const string Question = "When did the first ferry between Baku and Karachi sail?";

    public static string Markdown(string id = NewId, string title = "A ferry across the Caspian", string frontMatterExtra = "") => $"""
        ---
        id: {id}
        title: {title}
        publisher: Caspian Courier
        published: 2024-03-20
        language: en
        {frontMatterExtra}---

        ## Shipping

        {NewSentence}

        Officials said in 2023 that a route was planned.

        Trade by sea doubled in 2022, the port said.

        Passengers are expected to pay less than by air.
        """;

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Hostile files: name, bytes, the HTTP status the admin API answers, and a phrase of its reply.</summary>
    public static TheoryData<string, string, int, string> Hostile()
    {
        var latin1 = Bytes(Markdown()).Concat(new byte[] { 0x0a, 0xe9, 0x74, 0xe9, 0x0a }).ToArray();
        var deep = "tags: " + new string('[', 20) + new string(']', 20) + "\n";
        return new()
        {
            { "not-utf8.md", Convert.ToBase64String(latin1), 422, "not valid UTF-8" },
            { "big.md", Convert.ToBase64String(Bytes(Markdown() + "\n" + new string('x', 1024 * 1024))), 413, "1024 KB" },
            { "../escape.md", Convert.ToBase64String(Bytes(Markdown())), 400, "without a folder or a path" },
            { "tdi-2022-06-11-pakistan-azerbaijan-30-years.md", Convert.ToBase64String(Bytes(Markdown())), 422, "holds the document" },
            { "deep.md", Convert.ToBase64String(Bytes(Markdown(frontMatterExtra: deep))), 422, "nests lists or mappings" },
            { "archive.md", Convert.ToBase64String([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), 415, "zip archive" },
        };
    }
}

/// <summary>A clock the tests move by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A local stand-in for Discord's CDN and Teams' download URLs: serves the files the test puts at a path.</summary>
internal sealed class FakeFileHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeFileHost(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public string BaseUrl => Loopback.Address(_app);

    public string Put(string path, byte[] bytes)
    {
        Files[path] = bytes;
        return BaseUrl + path;
    }

    public static async Task<FakeFileHost> StartAsync()
    {
        var app = Loopback.App();
        var host = new FakeFileHost(app);
        app.Run(async context =>
        {
            if (!host.Files.TryGetValue(context.Request.Path.Value ?? "", out var bytes))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "text/markdown";
            await context.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
