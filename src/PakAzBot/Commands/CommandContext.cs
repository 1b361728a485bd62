using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;

namespace PakAzBot.Commands;

/// <summary>
/// What every command shares: the settings given as --Section:Key=value, the standard streams, and the options more
/// than one command takes (one instance each, so their help reads the same everywhere).
/// </summary>
internal sealed partial class CommandContext(IReadOnlyList<string> settingArgs, TextReader input, TextWriter output, TextWriter error)
{
    /// <summary>The --Section:Key=value arguments (and the host's own such as --shutdownTimeoutSeconds=10).</summary>
    public IReadOnlyList<string> SettingArgs { get; } = settingArgs;

    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>On the root command, and so on every command beneath it.</summary>
    public Option<string?> Knowledge { get; } = new("--knowledge")
    {
        Description = "The knowledge folder (default: the Knowledge:Path setting, else ./knowledge)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text" };

    public Option<bool> Explain { get; } = new("--explain") { Description = "Show how the answer was chosen: the question's terms and every candidate's scores (to standard error)" };

    public Option<string?> Index { get; } = new("--index") { Description = "The on-disk index folder (default: the Index:Path setting, else ./index)" };

    public Option<bool> NoSemantic { get; } = new("--no-semantic") { Description = "BM25 only: no sentence-embedding vectors (also the Search:Semantic=false setting)" };

    /// <summary>
    /// Splits <paramref name="args"/> into the settings (--Section:Key=value, and the host's own such as
    /// --shutdownTimeoutSeconds=10) and the rest, for the parser. After "--" everything is the rest (a question).
    /// </summary>
    public static (List<string> Settings, string[] Others) SplitSettings(string[] args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        var literal = false;
        foreach (var arg in args)
        {
            literal |= arg == "--";
            var match = literal ? null : SettingRegex().Match(arg);
            if (match is { Success: true }
                && (match.Groups[1].Value.Contains(':', StringComparison.Ordinal) || KnownSettings.HostKeys.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase)))
            {
                settings.Add(arg);
            }
            else
            {
                rest.Add(arg);
            }
        }

        return (settings, [.. rest]);
    }

    /// <summary>Says what is wrong with a misspelt setting, which is a bad argument; false when all are known.</summary>
    public bool RefusesUnknownSettings()
    {
        var unknown = SettingArgs.Select(a => KnownSettings.ProblemWith(a[2..a.IndexOf('=', StringComparison.Ordinal)])).OfType<string>().ToList();
        foreach (var problem in unknown)
        {
            Error.WriteLine($"error: {problem}");
        }

        if (unknown.Count > 0)
        {
            Error.WriteLine("usage: settings are --Section:Key=value, such as --Knowledge:Path=knowledge or --Index:Path=index (see 'pakazbot --help')");
        }

        return unknown.Count > 0;
    }

    /// <summary>
    /// Runs a one-shot command with its settings, read once; one in the wrong place stops it as it stops the server.
    /// </summary>
    public int WithSettings(Func<IConfiguration, int> work)
    {
        var settings = KnowledgeLocator.Settings(SettingArgs);
        var problems = KnownSettings.Problems(settings);
        foreach (var problem in problems)
        {
            Error.WriteLine($"error: {problem}");
        }

        return problems.Count > 0 ? Cli.Failed : work(settings);
    }

    public static T Bind<T>(IConfiguration settings, string section)
        where T : new()
    {
        var options = new T();
        settings.GetSection(section).Bind(options);
        return options;
    }

    /// <summary>The feedback store the settings name (ConnectionStrings:Feedback, else Feedback:Path), also the audit trail's.</summary>
    public static FeedbackSetup FeedbackStore(IConfiguration settings) =>
        FeedbackStores.Choose(Bind<FeedbackOptions>(settings, FeedbackOptions.Section), Bind<FeedbackConnectionStrings>(settings, FeedbackConnectionStrings.Section));

    /// <summary>Runs <paramref name="work"/> on a feedback store (the audit trail's too) with its tables made, and closes it.</summary>
    public static int WithStore(SqlFeedbackStore store, Func<SqlFeedbackStore, int> work)
    {
        using (store as IDisposable)
        {
            store.MigrateAsync().GetAwaiter().GetResult();
            return work(store);
        }
    }

    [GeneratedRegex("^--([A-Za-z_][A-Za-z0-9_.:]*)=")]
    private static partial Regex SettingRegex();
}
