using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Knowledge;
using PakAzBot.Core.Serving;
using PakAzBot.Search;

namespace PakAzBot.Tests.Knowledge;

/// <summary>
/// A knowledge folder that cannot hurt the server: for each fault, the rebuild is refused (or the bad file skipped)
/// with a clear error, the generation in service keeps answering, and a paragraph added afterwards becomes answerable.
/// </summary>
public sealed class KnowledgeFolderFaultTests : IDisposable
{
    private const string AddedQuestion = "When was the consulate in Ganja opened?";

    private readonly TempFolder _folder = new();
    private readonly TempFolder _elsewhere = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public KnowledgeFolderFaultTests()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(_folder.Path, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
        _elsewhere.Dispose();
    }

    private static string Document(string id, string body) =>
        $"---\nid: {id}\ntitle: T\npublisher: Test Wire\npublished: 2023-01-10\nlanguage: en\n---\n\n{body}\n";

    [Fact]
    public async Task ALinkToAFileOutsideTheFolderIsRefusedNotQuoted()
    {
        using var live = await StartAsync();
        var secret = _elsewhere.Write("secret.md", Document("secret", "The secret treaty was signed in Lahore on 5 May 2021."));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "secret.md"), secret);

        var refused = await live.ReindexAsync("test");

        var error = Assert.Single(refused.Errors);
        Assert.Equal("secret.md", error.File);
        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Current!.Knowledge.Documents, d => d.Id == "secret");
        await AssertServesAsync(live, generation: 1);

        File.Delete(Path.Combine(_folder.Path, "secret.md"));
        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public async Task ALinkToAFolderOutsideIsRefusedToo()
    {
        using var live = await StartAsync();
        _elsewhere.Write("deep/secret.md", Document("secret", "The secret treaty was signed in Lahore on 5 May 2021."));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "more"), Path.Combine(_elsewhere.Path, "deep"));

        var refused = await live.ReindexAsync("test");

        Assert.Equal("more", Assert.Single(refused.Errors).File);
        Directory.Delete(Path.Combine(_folder.Path, "more"));
        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public async Task ADanglingLinkIsRefusedAndTheProcessGoesOn()
    {
        using var live = await StartAsync();
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "gone.md"), Path.Combine(_folder.Path, "never-there.md"));

        var refused = await live.ReindexAsync("test");

        Assert.False(refused.Succeeded);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("gone.md", error.File);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("gone.md: ", error.ToString(), StringComparison.Ordinal);
        await AssertServesAsync(live, generation: 1);

        File.Delete(Path.Combine(_folder.Path, "gone.md"));
        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public void LinksInsideTheFolderAreFollowedAsInAMountedConfigMap()
    {
        // Kubernetes mounts a ConfigMap as links to a hidden "..data" folder, itself a link to a timestamped one.
        using var folder = new TempFolder();
        folder.Write("..2026_11_29_08_00_00.1/doc.md", Document("doc", "On 3 January 2023, the two sides met in Baku."));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "..data"), "..2026_11_29_08_00_00.1");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "doc.md"), "..data/doc.md");

        var knowledge = KnowledgeLoader.Load(folder.Path);

        Assert.Equal("doc", Assert.Single(knowledge.Documents).Id);
    }

    [Fact]
    public async Task APipeNamedLikeADocumentIsSkippedWithAWarningNotWaitedOn()
    {
        using var live = await StartAsync();
        MakeFifo(Path.Combine(_folder.Path, "x.md"));
        _folder.Write("added.md", Document("added", "On 3 January 2023, the two foreign ministers opened a consulate in Ganja."));

        // A rebuild that opened the pipe for reading would wait for a writer forever.
        var result = await live.ReindexAsync("test").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("x.md", Assert.Single(live.Current!.Knowledge.Warnings).File);
        AssertAnswered(live);
    }

    [Fact]
    public async Task DeeplyNestedFrontMatterIsAnErrorNotAStackOverflow()
    {
        using var live = await StartAsync();
        var nesting = 30_000;
        _folder.Write("deep.md", $"---\nid: deep\ntitle: {new string('[', nesting)}{new string(']', nesting)}\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n");
        _folder.Write("nested.md", "---\nid: nested\ntitle:\n" + string.Concat(Enumerable.Range(1, 12).Select(i => new string(' ', i * 2) + "- \n")) + "publisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n");
        _folder.Write("flow.md", $"---\nid: flow\ntitle: {string.Concat(Enumerable.Repeat("{a: ", 20))}b{new string('}', 20)}\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n");

        var refused = await live.ReindexAsync("test");

        Assert.Equal(["deep.md", "flow.md", "nested.md"], refused.Errors.Select(e => e.File).Distinct().Order());
        Assert.All(refused.Errors, e => Assert.True(e.Line >= 2, e.ToString()));

        // Nesting is reported where it goes too deep, not as a wrong value of the key above it.
        Assert.Equal(11, Assert.Single(refused.Errors, e => e.File == "nested.md").Line);
        await AssertServesAsync(live, generation: 1);

        File.Delete(Path.Combine(_folder.Path, "deep.md"));
        File.Delete(Path.Combine(_folder.Path, "nested.md"));
        File.Delete(Path.Combine(_folder.Path, "flow.md"));
        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public void LargeFrontMatterIsAnError()
    {
        _folder.Write("large.md", $"---\nid: large\ntitle: {new string('x', 60_000)}\npublisher: P\npublished: 2022-06-11\nlanguage: en\n---\n\nText.\n");

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(_folder.Path));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("large.md", 2), (error.File, error.Line));
    }

    [Fact]
    public async Task AFileThatVanishesDuringARebuildRefusesItAndThePreviousGenerationServes()
    {
        var vanish = 1;
        using var live = await StartAsync(directory => KnowledgeLoader.Load(directory, name =>
        {
            if (name == "doomed.md" && Interlocked.Exchange(ref vanish, 0) == 1)
            {
                File.Delete(Path.Combine(_folder.Path, name));
            }
        }));
        _folder.Write("doomed.md", Document("doomed", "This paragraph is deleted while the folder is read."));

        var refused = await live.ReindexAsync("test");

        Assert.False(refused.Succeeded);
        Assert.Equal("doomed.md", Assert.Single(refused.Errors).File);
        await AssertServesAsync(live, generation: 1);

        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public async Task AFolderDeletedAndCreatedAgainIsReadAfresh()
    {
        using var live = await StartAsync();
        var article = File.ReadAllBytes(Path.Combine(_folder.Path, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md"));
        Directory.Delete(_folder.Path, recursive: true);

        var refused = await live.ReindexAsync("test");

        Assert.Contains("does not exist", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        await AssertServesAsync(live, generation: 1);

        Directory.CreateDirectory(_folder.Path);
        _folder.WriteBytes("tdi-2022-06-11-pakistan-azerbaijan-30-years.md", article);
        await AssertAddedParagraphIsAnsweredAsync(live);
    }

    [Fact]
    public void AFileWithSeveralProblemsReportsEveryOne()
    {
        _folder.Write("many.md", "---\nid: many\ntitle: T\npublisher: P\npublised: 2022-06-11\nlanguage: en\n---\n\n# A title\n\nText.\n\n> A quote with no attribution\n> still none\n");

        var refused = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(_folder.Path));

        var lines = refused.Errors.Where(e => e.File == "many.md").Select(e => e.Line).ToList();
        Assert.Contains(5, lines);   // the misspelt key
        Assert.Contains(9, lines);   // the '#' heading
        Assert.Contains(14, lines);  // the quote's missing attribution
    }

    private async Task<LiveIndex> StartAsync(Func<string, KnowledgeBase>? loader = null)
    {
        var live = new LiveIndex(_folder.Path, new BotMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<LiveIndex>.Instance)
        {
            Loader = loader ?? KnowledgeLoader.Load,
        };
        var first = await live.ReindexAsync("startup");
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        return live;
    }

    /// <summary>The generation in service is still the given one, and still answers.</summary>
    private static Task AssertServesAsync(LiveIndex live, int generation)
    {
        Assert.Equal(generation, live.Current!.Number);
        using var lease = live.Acquire()!;
        var answerer = new Answerer(lease.Index);
        var answer = FirstInReply.Settled(answerer, "When did Pakistan recognize Azerbaijan?", answerer.Ask("When did Pakistan recognize Azerbaijan?"));
        Assert.Equal("1991-12-12", answer.Date?.Date.Iso);
        return Task.CompletedTask;
    }

    private async Task AssertAddedParagraphIsAnsweredAsync(LiveIndex live)
    {
        var before = live.Current!.Number;
        _folder.Write("added.md", Document("added", "On 3 January 2023, the two foreign ministers opened a consulate in Ganja."));

        var result = await live.ReindexAsync("test");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(live.Current!.Number > before);
        AssertAnswered(live);
    }

    private static void AssertAnswered(LiveIndex live)
    {
        using var lease = live.Acquire()!;
        var answerer = new Answerer(lease.Index);
        var answer = FirstInReply.Settled(answerer, AddedQuestion, answerer.Ask(AddedQuestion));
        Assert.Equal("added", answer.Citations[0].Passage.DocumentId);
        Assert.Equal("2023-01-03", answer.Date?.Date.Iso);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
