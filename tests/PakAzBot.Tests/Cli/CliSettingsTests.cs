using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PakAzBot.Hosting;

namespace PakAzBot.Tests.Cli;

/// <summary>Settings on the command line, serving as the default command, and what the command line tells a user.</summary>
public sealed partial class CliSettingsTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PakAzBot.Cli.Run(args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void TheRootCommandServesWhereUrlsSays()
    {
        // The port is taken, so the server that starts there fails at once and says where it tried to listen.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, error) = Run("--knowledge", TestPaths.Knowledge, "--urls", $"http://127.0.0.1:{port}", "--Knowledge:Watch=false", "--Search:Semantic=false");

        Assert.Equal(1, exit);
        Assert.Contains("cannot listen", error, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommandTakesSettingsAsSectionKeyValue()
    {
        using var folder = new TempFolder();
        var index = Path.Combine(folder.Path, "elsewhere");

        var (exit, output, error) = Run("--knowledge", TestPaths.Knowledge, "reindex", $"--Index:Path={index}", "--Search:Semantic=false");

        Assert.True(exit == 0, error);
        Assert.Contains(index, output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(index));
    }

    [Theory]
    [InlineData("reindex", "--Knowlege:Path=knowledge", "Knowlege:Path")]
    [InlineData("reindex", "--Knowledge:Pth=knowledge", "Knowledge:Pth")]
    [InlineData("ask", "--Index:Paths=index", "Index:Paths")]
    [InlineData("serve", "--Proxy:KnownProxy:0=127.0.0.1", "Proxy:KnownProxy:0")]
    [InlineData("serve", "--Teams:ModeratorIds=x", "Teams:ModeratorIds")]
    public void AMisspeltSettingIsABadArgumentNamingIt(string command, string setting, string named)
    {
        var (exit, _, error) = Run("--knowledge", TestPaths.Knowledge, command, setting, "When did Pakistan recognize Azerbaijan?");

        Assert.Equal(2, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltSettingThatReachesTheServerStopsTheStartNamingIt()
    {
        // The "--Key value" form is passed to the host as it is; the host itself refuses the key.
        var (exit, _, error) = Run("serve", "--knowledge", TestPaths.Knowledge, "--urls", "http://127.0.0.1:0", "--Knowledge:Wach", "false");

        Assert.Equal(1, exit);
        Assert.Contains("Knowledge:Wach", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Knowlege:Path=knowledge")]
    [InlineData("--RateLimit:Permits=3")]
    [InlineData("--Search=off")]
    public void TheHostRefusesAnUnknownSettingAsItRefusesABadValue(string setting)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => BotHost.Build([$"--Knowledge:Path={TestPaths.Knowledge}", setting]));

        Assert.Contains(setting[2..setting.IndexOf('=', StringComparison.Ordinal)], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHostAcceptsEveryDocumentedKindOfSetting()
    {
        var app = BotHost.Build([$"--Knowledge:Path={TestPaths.Knowledge}", "--Teams:ModeratorIds:0=x", "--Logging:LogLevel:Default=Warning", "--shutdownTimeoutSeconds=5", "--environment=Production", "--Index:Path=index"]);

        Assert.NotNull(app);
    }

    [Fact]
    public void EveryFileTheHelpNamesExists()
    {
        var named = new List<string>();
        foreach (var command in new[] { "eval", "ask", "reindex", "feedback", "timeline", "sources" })
        {
            var (exit, output, _) = Run(command, "--help");
            Assert.Equal(0, exit);
            named.AddRange(PathRegex().Matches(output).Select(m => m.Value));
        }

        Assert.NotEmpty(named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, path)), $"the help names {path}, which does not exist"));
    }

    [Fact]
    public void WhenItCannotAnswerItSuggestsOnlyCommandsOfTheCommandLine()
    {
        var (exit, output, _) = Run("--knowledge", TestPaths.Knowledge, "ask", "--no-semantic", "What is the capital of France?");
        Assert.Equal(0, exit);

        var suggested = CodeRegex().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(suggested);
        foreach (var suggestion in suggested)
        {
            var words = suggestion.Split(' ');
            Assert.Equal("pakazbot", words[0]);
            Assert.Equal(0, Run([.. words[1..], "--help"]).Exit);
        }
    }

    // Paths in the repository, such as tests/PakAzBot.Tests/Data/dev.jsonl; not ./defaults in the current folder.
    [GeneratedRegex(@"(?<![\w./-])\w[\w-]*(/[\w.-]+)+\.(jsonl|json|md|tsv)")]
    private static partial Regex PathRegex();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeRegex();
}
