using System.Text.Json;

namespace PakAzBot.Tests.Cli;

public sealed class CliTests
{
    private static (int Exit, string Out, string Err) RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run(["--knowledge", TestPaths.Knowledge, .. args], new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    [Fact]
    public void AskPrintsTheRenderedAnswer()
    {
        var (exit, output, _) = Run("ask", "When did Pakistan recognize Azerbaijan?");

        Assert.Equal(0, exit);
        Assert.StartsWith("**12 December 1991**", output, StringComparison.Ordinal);
        Assert.Contains("— The Diplomatic Insight, 11 June 2022 · Bilateral Relations ¶7", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJsonFollowsTheContract()
    {
        var (exit, output, _) = Run("ask", "--json", "When did Pakistan recognize Azerbaijan?");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("When did Pakistan recognize Azerbaijan?", json.GetProperty("question").GetString());
        Assert.True(json.GetProperty("answered").GetBoolean());
        Assert.Equal("On December 12, 1991, Pakistan became the second country to recognize Azerbaijan, following Turkey.", json.GetProperty("answer").GetString());
        Assert.Equal("12 December 1991", json.GetProperty("short").GetString());
        Assert.Equal("1991-12-12", json.GetProperty("date").GetString());
        Assert.InRange(json.GetProperty("confidence").GetDouble(), 0, 1);
        var citation = json.GetProperty("citations")[0];
        Assert.Equal("tdi-2022-06-11-pakistan-azerbaijan-30-years", citation.GetProperty("documentId").GetString());
        Assert.Equal("Pakistan and Azerbaijan celebrate 30 years of diplomatic relations", citation.GetProperty("title").GetString());
        Assert.Equal("The Diplomatic Insight", citation.GetProperty("publisher").GetString());
        Assert.Equal("2022-06-11", citation.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("url").ValueKind);
        Assert.Equal("Bilateral Relations", citation.GetProperty("section").GetString());
        Assert.Equal(7, citation.GetProperty("paragraph").GetInt32());
        Assert.Equal(json.GetProperty("answer").GetString(), citation.GetProperty("quote").GetString());
        Assert.Equal("1991-12-12", citation.GetProperty("dates")[0].GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("related").ValueKind);
    }

    [Fact]
    public void WhenNotSureAskNumbersTheClosestPassagesEachQuotedAndCited()
    {
        const string question = Questions.Suggested;
        var (exit, output, _) = Run("ask", question);
        var (_, json, _) = Run("ask", "--json", question);

        Assert.Equal(0, exit);
        var suggestions = JsonDocument.Parse(json).RootElement.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        var lines = output.Split('\n');
        for (var i = 0; i < suggestions.Count; i++)
        {
            // "1. “sentence”" then, indented, the citation line.
            var at = Array.FindIndex(lines, l => l.StartsWith($"{i + 1}. ", StringComparison.Ordinal));
            Assert.True(at >= 0, $"no suggestion {i + 1} in:\n{output}");
            Assert.Contains(suggestions[i].GetProperty("sentence").GetString()!, lines[at], StringComparison.Ordinal);
            Assert.Equal("   " + suggestions[i].GetProperty("citation").GetString(), lines[at + 1]);
        }

        Assert.DoesNotContain("Confidence", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJsonNullsTheAnswerWhenItAbstains()
    {
        var (_, output, _) = Run("ask", "--json", "What is the capital of France?");

        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("answered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("answer").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("short").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("date").ValueKind);
        Assert.Equal(0, json.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public void AskJsonWithoutAQuestionAnswersEachLineOfStandardInputInOrder()
    {
        var (exit, output, _) = RunWithInput("When did Pakistan recognize Azerbaijan?\n\nWhat is the capital of France?\nWho is the Azerbaijani ambassador?\n", "ask", "--json");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("1991-12-12", lines[0].GetProperty("date").GetString());
        Assert.False(lines[1].GetProperty("answered").GetBoolean());
        Assert.Equal("Khazar Farhadov", lines[2].GetProperty("short").GetString());
    }

    [Fact]
    public void TimelineJsonListsDatedStatementsWithCitations()
    {
        var (exit, output, _) = Run("timeline", "--json", "--from", "2014", "--to", "2018");

        Assert.Equal(0, exit);
        var entries = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2010s", "2014-02", "2017-02", "2018", "2018"], entries.Select(e => e.GetProperty("date").GetString()));
        Assert.Equal("month", entries[1].GetProperty("precision").GetString());
        Assert.Equal("February 2014", entries[1].GetProperty("label").GetString());
        Assert.Equal("In February 2014, Pakistan and Azerbaijan inked a Bilateral Military Cooperation Agreement.", entries[1].GetProperty("quote").GetString());
        Assert.Equal("Defense Cooperation", entries[1].GetProperty("citation").GetProperty("section").GetString());
    }

    [Fact]
    public void TimelineTextShowsLabelsQuotesAndCitations()
    {
        var (exit, output, _) = Run("timeline", "--topic", "Khojaly");

        Assert.Equal(0, exit);
        Assert.Equal("**1 February 2012** — “The Senate also accepts a resolution from the Senate Foreign Relations Committee on February 1, 2012, condemning the Khojaly Genocide and restating its long-held and consistent view.” — The Diplomatic Insight, 11 June 2022 · Recent Senate Resolution on Azerbaijan ¶23\n", output);
    }

    [Fact]
    public void SourcesListsDocumentsWithParagraphCounts()
    {
        var (exit, output, _) = Run("sources", "--json");

        Assert.Equal(0, exit);
        var doc = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("The Diplomatic Insight", doc.GetProperty("publisher").GetString());
        Assert.Equal(24, doc.GetProperty("paragraphs").GetInt32());
        Assert.Equal("2022-06-11", doc.GetProperty("published").GetString());
    }

    [Fact]
    public void ReindexWritesTheIndexAndAskCanUseIt()
    {
        using var folder = new TempFolder();
        var index = Path.Combine(folder.Path, "index");

        var (exit, output, _) = Run("reindex", "--index", index);

        Assert.Equal(0, exit);
        Assert.Matches(@"^Indexed 1 document\(s\), 24 paragraphs in \d+\.\d\d s into ", output);
        var (askExit, answer, note) = Run("ask", "--index", index, "--json", "When did Pakistan recognize Azerbaijan?");
        Assert.Equal(0, askExit);
        Assert.Equal("", note);
        Assert.Contains("\"1991-12-12\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void ReindexRefusesBadDocumentsWithEveryErrorAndKeepsTheOldIndex()
    {
        using var knowledge = new TempFolder();
        using var folder = new TempFolder();
        var index = Path.Combine(folder.Path, "index");
        File.Copy(Path.Combine(TestPaths.Knowledge, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md"), Path.Combine(knowledge.Path, "tdi.md"));
        Assert.Equal(0, PakAzBot.Cli.Run(["reindex", "--knowledge", knowledge.Path, "--index", index], TextReader.Null, TextWriter.Null, TextWriter.Null));
        var before = Directory.GetFiles(index).Select(File.ReadAllBytes).ToList();
        knowledge.Write("bad.md", "---\nid: bad\ntitle: T\npublisher: P\npublished: 2022-13-01\nlanguage: en\n---\n\nText.\n");

        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run(["reindex", "--knowledge", knowledge.Path, "--index", index], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("error: bad.md:5: published '2022-13-01' is not a date: write it as YYYY-MM-DD", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("was left as it was", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(index).Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void ReindexWarnsOfAPipeAndRefusesADanglingLinkNamingIt()
    {
        using var knowledge = new TempFolder();
        using var folder = new TempFolder();
        var index = Path.Combine(folder.Path, "index");
        File.Copy(Path.Combine(TestPaths.Knowledge, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md"), Path.Combine(knowledge.Path, "tdi.md"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(knowledge.Path, "x.md")]))
        {
            mkfifo.WaitForExit();
        }

        var warned = new StringWriter();
        Assert.Equal(0, PakAzBot.Cli.Run(["reindex", "--no-semantic", "--knowledge", knowledge.Path, "--index", index], TextReader.Null, TextWriter.Null, warned));
        Assert.StartsWith("warning: x.md: ", warned.ToString(), StringComparison.Ordinal);

        File.CreateSymbolicLink(Path.Combine(knowledge.Path, "gone.md"), Path.Combine(folder.Path, "deleted.md"));
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run(["reindex", "--no-semantic", "--knowledge", knowledge.Path, "--index", index], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("error: gone.md: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EvalPrintsTheScoresAndEachMiss()
    {
        var (exit, output, _) = Run("eval", TestPaths.Data("dev.jsonl"));

        Assert.Equal(0, exit);
        Assert.Contains("questions: 36 (31 answerable, 5 must-decline)", output, StringComparison.Ordinal);
        Assert.Matches(@"passage@1: \d+\.\d ?%", output);
        Assert.Matches(@"answer accuracy: \d+\.\d ?%", output);
        Assert.Matches(@"asserted precision: \d+ of \d+ \(\d+\.\d ?%\)", output);
        Assert.Matches(@"in-reply: \d+ of 31 \(\d+\.\d ?%\)", output);
        Assert.Matches(@"must-decline not asserted: \d of 5 \(\d+\.\d ?%\); answerable not asserted: \d+ of 31", output);
        Assert.Matches(@"outcomes: \d+ answered, \d+ suggested, \d+ declined", output);
        Assert.Matches(@"wrong answers at confidence >= 0\.9: \d+", output);
        Assert.Contains("reliability (answers asserted, by confidence):", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalPrintsFiguresPerTagAndWritesTheDecisionFeatures()
    {
        using var folder = new TempFolder();
        var features = Path.Combine(folder.Path, "features.tsv");
        var questions = folder.Write("q.jsonl",
            "{\"id\":\"a\",\"q\":\"When did Pakistan recognize Azerbaijan?\",\"passage\":\"second country\",\"answer_any\":[\"1991-12-12\"],\"tags\":[\"when\"]}\n"
            + "{\"id\":\"b\",\"q\":\"Who is the head coach of the cricket team?\",\"abstain\":true,\"tags\":[\"off-topic\",\"who\"]}\n");

        var (exit, output, _) = Run("eval", questions, "--features", features);

        Assert.Equal(0, exit);
        // tag, n, passage@1, answer, precision, in-reply, must-decline not asserted, answerable not asserted, wrong at ≥ 0.9
        Assert.Matches(@"\n  when +1 +100\.0 % +100\.0 % +100\.0 % +100\.0 % +- +0/1 +0\n", output);
        Assert.Matches(@"\n  off-topic +1 +- +- +- +- +1/1 +- +0\n", output);
        var rows = File.ReadAllLines(features);
        Assert.StartsWith("id\tmust_decline\tanswered\tcorrect\tconfidence\tprob\tmargin", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("a\t0\t1\t1\t", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@AzEmbPak what is the embassy's handle")]
    [InlineData("@question.txt")]
    [InlineData("-when did Pakistan recognize Azerbaijan?")]
    [InlineData("--", "-h")]
    [InlineData("--", "--help")]
    public void AskTakesQuestionsThatLookLikeResponseFilesOrOptionsAsText(params string[] question)
    {
        var (exit, output, error) = Run(["ask", "--json", .. question]);

        Assert.True(exit == 0, error);
        Assert.Equal(question[^1], JsonDocument.Parse(output).RootElement.GetProperty("question").GetString());
    }

    [Fact]
    public void AskWithADashQuestionAnswersIt()
    {
        var (exit, output, _) = Run("ask", "--json", "-when did Pakistan recognize Azerbaijan?");

        Assert.Equal(0, exit);
        Assert.Equal("1991-12-12", JsonDocument.Parse(output).RootElement.GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void AskHelpAloneStillPrintsHelp(string option)
    {
        var (exit, output, _) = Run("ask", option);

        Assert.Equal(0, exit);
        Assert.Contains("Answer a question with a cited quote", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AskNormalizesTheQuestionAsEverySurfaceDoes()
    {
        var (exit, output, _) = RunWithInput("<@123456789012345678> hey, does anyone know **when** did Pakistan recognize Azerbaijan? thanks!\n",
            "ask", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("when did Pakistan recognize Azerbaijan?", json.GetProperty("question").GetString());
        Assert.Equal("1991-12-12", json.GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask", "--no-such-option", "x")]
    [InlineData("timeline", "--from", "yesterday-ish")]
    [InlineData("timeline", "--from", "2020", "--to", "2010")]
    [InlineData("ask")]
    [InlineData("eval", "/no/such/file.jsonl")]
    public void BadArgumentsGetAUsageMessageAndExitTwo(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Contains("error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        var output = new StringWriter();

        Assert.Equal(0, PakAzBot.Cli.Run(["--help"], TextReader.Null, output, TextWriter.Null));
        foreach (var command in new[] { "serve", "ask", "timeline", "sources", "reindex", "eval" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMissingKnowledgeFolderIsAClearFailure()
    {
        var error = new StringWriter();

        var exit = PakAzBot.Cli.Run(["sources", "--knowledge", "/no/such/knowledge"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("the knowledge folder does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
