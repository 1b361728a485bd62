using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Rendering;

namespace PakAzBot.Tests.Docs;

/// <summary>The README and docs/ say what is true: links resolve, the set-up commands exist, the settings table is
/// every setting, and the JSON contract's documented fields are exactly those returned.</summary>
public sealed partial class DocsTests
{
    private static readonly string Root = TestPaths.RepositoryRoot;

    private static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }.Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md"));

    public static TheoryData<string> PageNames() => new(Pages().Select(p => Path.GetRelativePath(Root, p)));

    [Theory]
    [MemberData(nameof(PageNames))]
    public void EveryRelativeLinkResolves(string page)
    {
        var path = Path.Combine(Root, page);
        var broken = new List<string>();
        foreach (Match link in Link().Matches(StripCode(File.ReadAllText(path))))
        {
            var target = link.Groups[1].Value;
            if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var (file, anchor) = target.Split('#') is var parts ? (parts[0], parts.Length > 1 ? parts[1] : null) : default;
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && File.Exists(resolved) && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
            {
                broken.Add($"{target}: no heading '#{anchor}' in {Path.GetFileName(resolved)}");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void EveryCommandOfSetUpAndRunExists()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var setUp = readme[readme.IndexOf("## Set up and run", StringComparison.Ordinal)..];
        setUp = setUp[..setUp.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var block = Fence().Match(setUp);
        Assert.True(block.Success, "Set up and run has a fenced block of commands");
        var commands = block.Groups[1].Value.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("dotnet", words[0]);
            if (words[1] == "run")
            {
                var project = words[Array.IndexOf(words, "--project") + 1];
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root, project), "*.csproj"));
            }
            else
            {
                Assert.Equal("test", words[1]);
                Assert.Single(Directory.GetFiles(Root, "*.sln"));
            }
        }
    }

    [Fact]
    public void TheSettingsTableIsEverySetting()
    {
        // A group of settings inside a section (Knowledge:Git) is its keys (Knowledge:Git:Repository …).
        static IEnumerable<string> KeysOf(string prefix, Type type) => KnownSettings.Keys(type).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType != typeof(string) && !KnownSettings.IsList(p)
                ? KeysOf($"{prefix}:{p.Name}", p.PropertyType)
                : [$"{prefix}:{p.Name}{(KnownSettings.IsList(p) ? ":0" : "")}"]);
        var known = KnownSettings.OptionTypes.SelectMany(t => KeysOf(KnownSettings.SectionOf(t), t)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        var table = operations[operations.IndexOf("| setting | default | meaning |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var documented = table.Split('\n').Skip(2)
            .Select(row => SettingKey().Match(row).Groups[1].Value)
            .Where(k => k.Contains(':'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(known.Order(StringComparer.OrdinalIgnoreCase), documented.Intersect(known, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        var unknown = documented.Except(known, StringComparer.OrdinalIgnoreCase).Where(k => !k.StartsWith("Logging:", StringComparison.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, "documented but not settings: " + string.Join(", ", unknown));
    }

    [Fact]
    public void TheDocumentedJsonContractIsExactlyWhatAskReturns()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        var example = JsonNode.Parse(JsonFence().Match(operations).Groups[1].Value.Replace("…", ""))!.AsObject();
        var answerer = new Answerer(Seed.Lexical);
        const string question = "When did Pakistan recognize Azerbaijan?";
        var actual = JsonContract.Answer(FirstInReply.Settled(answerer, question, answerer.Ask(question)));

        Assert.Equal(actual.Select(p => p.Key), example.Select(p => p.Key));
        Assert.Equal(actual["citations"]![0]!.AsObject().Select(p => p.Key), example["citations"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(actual["citations"]![0]!["dates"]![0]!.AsObject().Select(p => p.Key), example["citations"]![0]!["dates"]![0]!.AsObject().Select(p => p.Key));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation out, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string file) =>
        File.ReadAllLines(file).Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    private static string StripCode(string markdown) => Regex.Replace(Regex.Replace(markdown, "```.*?```", "", RegexOptions.Singleline), "`[^`\n]*`", "");

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    [GeneratedRegex(@"^\|\s*`([^`]+)`")]
    private static partial Regex SettingKey();
}
