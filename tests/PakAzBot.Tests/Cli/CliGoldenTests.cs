using System.Text;
using System.Text.RegularExpressions;

namespace PakAzBot.Tests.Cli;

/// <summary>
/// The command line's output, word for word: each command's <c>--help</c> and one real call (none needs the network),
/// compared with the files under <c>Data/cli-golden/</c> (standard output, standard error and the exit code, with the
/// temporary folder, the repository's folder and timings normalized). They guard refactorings of the command line:
/// a difference is a change users see. After a change meant to be seen, rewrite the files and review their diff:
/// <c>PAKAZBOT_UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~CliGoldenTests</c>.
/// </summary>
public sealed partial class CliGoldenTests
{
    private const string Question = "When did Pakistan recognize Azerbaijan?";

    /// <summary>The help of every command, by the words after <c>pakazbot</c>.</summary>
    private static readonly string[] Helps =
    [
        "", "ask", "timeline", "sources", "reindex", "eval", "train", "feedback", "feedback export", "feedback import",
        "documents", "documents add", "documents remove", "documents log", "discord", "discord commands", "discord register",
        "teams", "teams package", "serve",
    ];

    /// <summary>The real calls: a name, and the arguments given a temporary folder already holding the files below.</summary>
    private static readonly Dictionary<string, (Func<string, string[]> Args, string Input)> Calls = new()
    {
        ["ask"] = (_ => [.. Seed(), "ask", "--no-semantic", Question], ""),
        ["ask-json"] = (_ => [.. Seed(), "ask", "--json", "--no-semantic", Question], ""),
        ["ask-json-stdin"] = (_ => [.. Seed(), "ask", "--json", "--no-semantic"], Question + "\n\nWhat is the capital of France?\n"),
        ["ask-suggested"] = (_ => [.. Seed(), "ask", "--no-semantic", Questions.Suggested], ""),
        ["ask-index"] = (t => [.. Seed(), "ask", "--no-semantic", "--index", Path.Combine(t, "no-index"), Question], ""),
        ["timeline"] = (_ => [.. Seed(), "timeline", "--from", "2010", "--to", "2018"], ""),
        ["timeline-json"] = (_ => [.. Seed(), "timeline", "--json"], ""),
        ["timeline-svg"] = (t => [.. Seed(), "timeline", "--svg", Path.Combine(t, "timeline.svg")], ""),
        ["sources"] = (_ => [.. Seed(), "sources"], ""),
        ["sources-json"] = (_ => [.. Seed(), "sources", "--json"], ""),
        ["sources-missing-knowledge"] = (t => ["sources", "--knowledge", Path.Combine(t, "no-knowledge")], ""),
        ["reindex"] = (t => [.. Seed(), "reindex", "--no-semantic", "--index", Path.Combine(t, "index")], ""),
        ["eval"] = (t => [.. Seed(), "eval", Path.Combine(t, "questions.jsonl"), "--no-semantic"], ""),
        ["eval-missing-file"] = (t => [.. Seed(), "eval", Path.Combine(t, "no.jsonl"), "--no-semantic"], ""),
        ["train-bad-folds"] = (t => [.. Seed(), "train", Path.Combine(t, "questions.jsonl"), "--folds", "1"], ""),
        ["train-missing-file"] = (t => [.. Seed(), "train", Path.Combine(t, "no.jsonl")], ""),
        ["feedback"] = (t => ["feedback", "--file", Path.Combine(t, "empty.db")], ""),
        ["feedback-log"] = (t => ["feedback", "--file", Path.Combine(t, "votes.jsonl")], ""),
        ["feedback-missing-store"] = (t => [$"--Feedback:Path={Path.Combine(t, "none.db")}", "feedback"], ""),
        ["feedback-export"] = (t => [.. Seed(), "feedback", "export", "--jsonl", "--file", Path.Combine(t, "empty.db")], ""),
        ["feedback-export-no-format"] = (_ => ["feedback", "export"], ""),
        ["feedback-import"] = (t => [$"--Feedback:Path={Path.Combine(t, "imported.db")}", "feedback", "import", Path.Combine(t, "votes.jsonl")], ""),
        ["feedback-import-missing"] = (t => ["feedback", "import", Path.Combine(t, "no.jsonl")], ""),
        ["documents-add-dry-run"] = (t => [.. Documents(t), "documents", "add", Path.Combine(t, "new.md"), "--dry-run"], ""),
        ["documents-add-cancelled"] = (t => [.. Documents(t), "documents", "add", Path.Combine(t, "new.md")], "n\n"),
        ["documents-remove-unknown"] = (t => [.. Documents(t), "documents", "remove", "no-such-document", "--dry-run"], ""),
        ["documents-log-empty"] = (t => [.. Documents(t), "documents", "log"], ""),
        ["discord-commands"] = (_ => ["discord", "commands"], ""),
        ["discord-register-unset"] = (_ => ["discord", "register", "--Discord:ApplicationId=1011121314151617181"], ""),
        ["teams-package"] = (t => ["teams", "package", "--app-id", "8c7d1c1a-0000-4000-8000-0000000000b0", "--output", Path.Combine(t, "teams.zip")], ""),
        ["teams-package-bad-id"] = (t => ["teams", "package", "--app-id", "not-a-guid", "--output", Path.Combine(t, "teams.zip")], ""),
        ["serve-bad-setting"] = (_ => [.. Seed(), "serve", "--urls", "http://127.0.0.1:0", "--Knowledge:Watch=false", "--RateLimit:PermitLimit=0"], ""),
        ["bad-command"] = (_ => ["frobnicate"], ""),
        ["bad-option"] = (_ => [.. Seed(), "ask", "--no-such-option", "x"], ""),
        ["bad-date"] = (_ => [.. Seed(), "timeline", "--from", "yesterday-ish"], ""),
        ["bad-range"] = (_ => [.. Seed(), "timeline", "--from", "2020", "--to", "2010"], ""),
        ["bad-setting"] = (_ => [.. Seed(), "reindex", "--Knowlege:Path=knowledge"], ""),
        ["ask-no-question"] = (_ => [.. Seed(), "ask"], ""),
    };

    public static TheoryData<string> HelpNames => [.. Helps];

    public static TheoryData<string> CallNames => [.. Calls.Keys];

    private static string GoldenFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "PakAzBot.Tests", "Data", "cli-golden");

    private static bool Update => Environment.GetEnvironmentVariable("PAKAZBOT_UPDATE_GOLDEN") == "1";

    [Theory]
    [MemberData(nameof(HelpNames))]
    public void HelpIsUnchanged(string command)
    {
        using var folder = new TempFolder();
        Check("help" + (command.Length == 0 ? "" : "-" + command.Replace(' ', '-')), folder.Path, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"], "");
    }

    [Theory]
    [MemberData(nameof(CallNames))]
    public void CallIsUnchanged(string name)
    {
        using var folder = new TempFolder();
        Prepare(folder);
        var (args, input) = Calls[name];
        Check(name, folder.Path, args(folder.Path), input);
    }

    /// <summary>Every golden file belongs to a case, so a case renamed or dropped leaves none behind unchecked.</summary>
    [Fact]
    public void EveryGoldenFileHasACase()
    {
        var names = Helps.Select(c => "help" + (c.Length == 0 ? "" : "-" + c.Replace(' ', '-'))).Concat(Calls.Keys).Select(n => n + ".txt");
        Assert.Empty(Directory.GetFiles(GoldenFolder, "*.txt").Select(Path.GetFileName).Except(names));
    }

    private static string[] Seed() => ["--knowledge", TestPaths.Knowledge];

    /// <summary>A knowledge folder of its own and an audit store in the temporary folder: moderation changes files.</summary>
    private static string[] Documents(string temp) =>
        ["--knowledge", Path.Combine(temp, "knowledge"), $"--Feedback:Path={Path.Combine(temp, "audit.db")}"];

    private static void Prepare(TempFolder folder)
    {
        folder.Write("questions.jsonl",
            "{\"id\":\"a\",\"q\":\"When did Pakistan recognize Azerbaijan?\",\"passage\":\"second country\",\"answer_any\":[\"1991-12-12\"],\"tags\":[\"when\"]}\n"
            + "{\"id\":\"b\",\"q\":\"Who is the head coach of the cricket team?\",\"abstain\":true,\"tags\":[\"off-topic\",\"who\"]}\n"
            + "{\"id\":\"c\",\"q\":\"Which country recognized Azerbaijan before Pakistan?\",\"passage\":\"second country to recognize Azerbaijan\",\"answer_any\":[\"France\"]}\n");
        folder.WriteBytes("empty.db", []);
        folder.Write("votes.jsonl",
            "{\"time\":\"2024-05-01T10:00:00Z\",\"surface\":\"discord\",\"user\":\"u1\",\"question\":\"When did Pakistan recognize Azerbaijan?\",\"passage\":\"tdi-2022-06-11-pakistan-azerbaijan-30-years#7\",\"vote\":\"up\",\"answer\":\"m1\"}\n"
            + "{\"time\":\"2024-05-01T10:01:00Z\",\"surface\":\"web\",\"user\":\"u2\",\"question\":\"Who is the ambassador?\",\"passage\":\"tdi-2022-06-11-pakistan-azerbaijan-30-years#3\",\"vote\":\"down\"}\n");
        var seed = Path.Combine(TestPaths.Knowledge, "tdi-2022-06-11-pakistan-azerbaijan-30-years.md");
        folder.Write(Path.Combine("knowledge", "tdi-2022-06-11-pakistan-azerbaijan-30-years.md"), File.ReadAllText(seed));
        folder.Write("new.md",
            "---\nid: new-document\ntitle: A new document\npublisher: The Test Desk\npublished: 2024-03-01\nlanguage: en\n---\n\n"
            + "On March 1, 2024, Pakistan and Azerbaijan opened a test office in Baku.\n");
    }

    private static void Check(string name, string temp, string[] args, string input)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run(args, new StringReader(input), output, error);
        var actual = new StringBuilder()
            .Append("$ pakazbot ").AppendJoin(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)).Append('\n')
            .Append(input.Length == 0 ? "" : "stdin: " + input.Replace("\n", "\\n", StringComparison.Ordinal) + "\n")
            .Append("exit: ").Append(exit).Append('\n')
            .Append("--- stdout\n").Append(output).Append("--- stderr\n").Append(error)
            .ToString();
        actual = Normalize(actual, temp);

        var file = Path.Combine(GoldenFolder, name + ".txt");
        if (Update)
        {
            Directory.CreateDirectory(GoldenFolder);
            File.WriteAllText(file, actual);
            return;
        }

        Assert.True(File.Exists(file), $"no golden file {file}: run with PAKAZBOT_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(file), actual);
    }

    /// <summary>
    /// The parts that differ from run to run: the temporary folder, the repository's folder, the time a step took,
    /// and the executable's name (the test host's here).
    /// </summary>
    private static string Normalize(string text, string temp) => Seconds().Replace(
        text.Replace(temp, "<tmp>", StringComparison.Ordinal).Replace(TestPaths.RepositoryRoot, "<repo>", StringComparison.Ordinal)
            .Replace(System.CommandLine.RootCommand.ExecutableName, "<exe>", StringComparison.Ordinal),
        "<seconds> s");

    [GeneratedRegex(@"\d+\.\d\d s\b")]
    private static partial Regex Seconds();
}
