using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Evaluation;
using PakAzBot.Core.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Feedback;
using PakAzBot.Feedback;
using PakAzBot.Discord;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Serving;
using PakAzBot.Core.Timeline;
using PakAzBot.Drawing;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;

namespace PakAzBot;

/// <summary>
/// The pakazbot command line. Exit codes: 0 success, 1 the work failed (bad documents, bad input file),
/// 2 bad arguments (with a usage message).
/// </summary>
public static partial class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        // Settings may be given to every command as --Section:Key=value; a misspelt one is a bad argument.
        var (settingArgs, rest) = SplitSettings(args);
        var unknown = settingArgs.Select(a => KnownSettings.ProblemWith(a[2..a.IndexOf('=', StringComparison.Ordinal)])).OfType<string>().ToList();
        if (unknown.Count > 0)
        {
            foreach (var problem in unknown)
            {
                error.WriteLine($"error: {problem}");
            }

            error.WriteLine("usage: settings are --Section:Key=value, such as --Knowledge:Path=knowledge or --Index:Path=index (see 'pakazbot --help')");
            return Usage;
        }

        // The one-shot commands read their settings once; one in the wrong place stops them as it stops the server.
        int WithSettings(Func<IConfiguration, int> work)
        {
            var settings = KnowledgeLocator.Settings(settingArgs);
            var problems = KnownSettings.Problems(settings);
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return problems.Count > 0 ? Failed : work(settings);
        }

        var knowledgeOption = new Option<string?>("--knowledge")
        {
            Description = "The knowledge folder (default: the Knowledge:Path setting, else ./knowledge)",
            Recursive = true,
        };
        var jsonOption = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var explainOption = new Option<bool>("--explain") { Description = "Show how the answer was chosen: the question's terms and every candidate's scores (to standard error)" };
        var indexOption = new Option<string?>("--index") { Description = "The on-disk index folder (default: the Index:Path setting, else ./index)" };
        var noSemanticOption = new Option<bool>("--no-semantic") { Description = "BM25 only: no sentence-embedding vectors (also the Search:Semantic=false setting)" };

        var root = new RootCommand("PakAzBot answers questions about Pakistan–Azerbaijan relations from its sources, quoting them. "
            + "With no command it serves, as 'serve' does. Every command takes settings as --Section:Key=value, such as --Knowledge:Path=DIR.");
        root.Add(knowledgeOption);

        var question = new Argument<string?>("question") { Description = "The question; with --json and none given, one question per line from standard input", Arity = ArgumentArity.ZeroOrOne };
        var ask = new Command("ask", "Answer a question with a cited quote") { question, jsonOption, indexOption, explainOption, noSemanticOption };
        ask.SetAction(r => WithSettings(settings => Ask(settings, r.GetValue(knowledgeOption), r.GetValue(indexOption), r.GetValue(question), r.GetValue(jsonOption), r.GetValue(explainOption), !r.GetValue(noSemanticOption), input, output, error)));
        root.Add(ask);

        var from = new Option<PartialDate?>("--from") { Description = "Earliest date: 1991, 1995-10, 1991-12-12 or 'October 1995'", CustomParser = ParseDate };
        var to = new Option<PartialDate?>("--to") { Description = "Latest date, in the same forms", CustomParser = ParseDate };
        var topic = new Option<string?>("--topic") { Description = "Only statements from passages about these words" };
        var png = new Option<string?>("--png") { Description = "Draw the timeline as a PNG picture into this file (instead of printing the list)" };
        var svg = new Option<string?>("--svg") { Description = "Draw the timeline as an SVG picture into this file (instead of printing the list)" };
        var timeline = new Command("timeline", "Every dated statement, oldest first") { from, to, topic, jsonOption, png, svg };
        timeline.SetAction(r => WithSettings(settings => Timeline(settings, r.GetValue(knowledgeOption), new TimelineFilter(r.GetValue(from), r.GetValue(to), r.GetValue(topic)), r.GetValue(jsonOption), new TimelineFiles(r.GetValue(png), r.GetValue(svg)), output, error)));
        root.Add(timeline);

        var sources = new Command("sources", "The documents, with their metadata and paragraph counts") { jsonOption };
        sources.SetAction(r => WithSettings(settings => Sources(settings, r.GetValue(knowledgeOption), r.GetValue(jsonOption), output, error)));
        root.Add(sources);

        var reindex = new Command("reindex", "Validate the knowledge folder and write the on-disk index and the vector cache") { indexOption, noSemanticOption };
        reindex.SetAction(r => WithSettings(settings => Reindex(settings, r.GetValue(knowledgeOption), r.GetValue(indexOption), !r.GetValue(noSemanticOption), output, error)));
        root.Add(reindex);

        var file = new Argument<FileInfo>("file") { Description = "A JSON-lines question file, such as tests/PakAzBot.Tests/Data/dev.jsonl" };
        var featuresOption = new Option<string?>("--features") { Description = "Also write each question's decision features and outcome to this TSV file (for calibrating the decide stage)" };
        var eval = new Command("eval", "Score the answerer on a question file") { file, featuresOption, noSemanticOption, explainOption };
        eval.SetAction(r => WithSettings(settings => Eval(settings, r.GetValue(knowledgeOption), r.GetValue(file)!, r.GetValue(featuresOption), !r.GetValue(noSemanticOption), r.GetValue(explainOption), output, error)));
        root.Add(eval);

        root.Add(TrainCommand(WithSettings, output, error));

        var discord = new Command("discord", "Discord: the slash-command definitions, and registering them");
        var commands = new Command("commands", "Print the command definitions as JSON (as in deploy/discord/commands.json)");
        commands.SetAction(_ =>
        {
            output.WriteLine(DiscordCommands.Definitions().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = JsonContract.Compact.Encoder }));
            return Ok;
        });
        var guild = new Option<string?>("--guild") { Description = "Register in this server only (changes show at once; global ones can take a while)" };
        var register = new Command("register", "PUT the commands to Discord (needs Discord:ApplicationId and Discord:BotToken)") { guild };
        register.TreatUnmatchedTokensAsErrors = false;
        register.SetAction(r => WithSettings(settings => RegisterDiscord(settings, r.GetValue(guild), r.UnmatchedTokens, output, error)));
        discord.Add(commands);
        discord.Add(register);
        root.Add(discord);

        var appId = new Option<string>("--app-id") { Description = "The bot's Microsoft App ID (a GUID)", Required = true };
        var website = new Option<string>("--website") { Description = "Your https website for the manifest's developer links", DefaultValueFactory = _ => "https://example.com/pakazbot" };
        var packageOutput = new Option<string>("--output") { Description = "Where to write the zip", DefaultValueFactory = _ => "pakazbot-teams.zip" };
        var package = new Command("package", "Write the Teams app package (manifest and icons) a Teams admin uploads") { appId, website, packageOutput };
        package.SetAction(r => TeamsPackageCommand(r.GetValue(appId)!, r.GetValue(website)!, r.GetValue(packageOutput)!, output, error));
        var teams = new Command("teams", "Microsoft Teams: the app package") { package };
        root.Add(teams);

        root.Add(FeedbackCommand(WithSettings, knowledgeOption, output, error));
        root.Add(DocumentsCommand(WithSettings, knowledgeOption, input, output, error));

        // `pakazbot --urls …` serves as `pakazbot serve --urls …` does: serving is the default command.
        static Option<string?> Urls() => new("--urls") { Description = $"Where to listen (default {Hosting.BotHost.DefaultUrl}; also ASPNETCORE_URLS)" };
        var urls = Urls();
        var serve = new Command("serve", "Serve the web chat and the JSON API (the default command); settings as --Section:Key=value") { urls };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(r => Serve(r.GetValue(knowledgeOption), r.GetValue(urls), [.. settingArgs, .. r.UnmatchedTokens], error));
        root.Add(serve);
        var rootUrls = Urls();
        root.Add(rootUrls);
        root.SetAction(r => Serve(r.GetValue(knowledgeOption), r.GetValue(rootUrls), settingArgs, error));

        // No response files: "@AzEmbPak …" is a question that names a handle, not a file of arguments to read.
        var parsed = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine($"usage: pakazbot {parsed.CommandResult.Command.Name switch { "pakazbot" or "" => "[serve|ask|timeline|sources|reindex|eval|train|discord|teams|feedback] …", var n => n + " …" }}  (see 'pakazbot {(parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ")}--help')");
            return Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>
    /// The settings among <paramref name="args"/>: --Section:Key=value, and the host's own such as
    /// --shutdownTimeoutSeconds=10; the rest is for the parser. After "--" everything is the rest (a question).
    /// </summary>
    private static (List<string> Settings, string[] Others) SplitSettings(string[] args)
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

    [System.Text.RegularExpressions.GeneratedRegex("^--([A-Za-z_][A-Za-z0-9_.:]*)=")]
    private static partial System.Text.RegularExpressions.Regex SettingRegex();

    private static int Serve(string? knowledgeDir, string? urls, IReadOnlyList<string> hostArgs, TextWriter error)
    {
        var args = new List<string>(hostArgs);
        if (knowledgeDir is not null)
        {
            args.Add($"--{KnowledgeOptions.Section}:Path={knowledgeDir}");
        }

        if (urls is not null)
        {
            args.Add($"--urls={urls}");
        }

        try
        {
            return RunHost(Hosting.BotHost.Build([.. args]), error);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"error: {failure}");
            }

            return Failed;
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"error: cannot listen: {e.Message} Pass --urls http://127.0.0.1:PORT to use another port.");
            return Failed;
        }
    }

    /// <summary>
    /// Runs the server until it stops. A stop because a background service failed is a failure (exit code 1): the host
    /// then stops as if asked to, and would exit 0, so a supervisor with Restart=on-failure would leave it down.
    /// </summary>
    internal static int RunHost(IHost app, TextWriter error)
    {
        // Run disposes the services, so they are looked up before it.
        var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            app.Run();
        }
        catch (Exception e) when (e is not (OptionsValidationException or IOException))
        {
            error.WriteLine($"error: the server stopped on an error: {e.Message}");
            return Failed;
        }

        var failed = background.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
        {
            error.WriteLine($"error: the server stopped because {service.GetType().Name} failed: {service.ExecuteTask!.Exception!.GetBaseException().Message}");
        }

        return failed.Count > 0 ? Failed : Ok;
    }

    private static int RegisterDiscord(IConfiguration settings, string? guild, IReadOnlyList<string> more, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(settings)
            .AddCommandLine([.. more])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDiscordRestClient()
            .BuildServiceProvider();
        using (services)
        {
            try
            {
                var registered = services.GetRequiredService<DiscordRestClient>().RegisterCommandsAsync(guild).GetAwaiter().GetResult();
                output.WriteLine($"Registered {registered.Count} command(s) {(guild is null ? "globally" : "in server " + guild)}: "
                    + string.Join(", ", registered.Select(c => c?["name"]?.GetValue<string>())));
                return Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OptionsValidationException or TaskCanceledException)
            {
                error.WriteLine($"error: {e.Message}");
                return Failed;
            }
        }
    }

    private static int TeamsPackageCommand(string appId, string website, string path, TextWriter output, TextWriter error)
    {
        if (!Guid.TryParse(appId, out var id))
        {
            error.WriteLine($"error: --app-id '{appId}' is not a GUID: use the bot's Microsoft App ID, such as 00000000-0000-0000-0000-000000000000");
            return Usage;
        }

        if (!Uri.TryCreate(website, UriKind.Absolute, out var site) || site.Scheme != Uri.UriSchemeHttps)
        {
            error.WriteLine($"error: --website '{website}' is not an https address");
            return Usage;
        }

        if (File.Exists(path))
        {
            error.WriteLine($"error: {Path.GetFullPath(path)} already exists; remove it or pass --output another path");
            return Failed;
        }

        PakAzBot.Teams.TeamsPackage.Write(path, id, site);
        output.WriteLine($"Wrote {Path.GetFullPath(path)}: upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.");
        return Ok;
    }

    private static T Bind<T>(IConfiguration settings, string section)
        where T : new()
    {
        var options = new T();
        settings.GetSection(section).Bind(options);
        return options;
    }

    private static PartialDate? ParseDate(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (PartialDate.TryParse(text, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date: use 1991, 1995-10, 1991-12-12, 'October 1995' or '12 December 1991'");
        return null;
    }

    private static int Ask(IConfiguration settings, string? knowledgeDir, string? indexDir, string? question, bool json, bool explain, bool semantic, TextReader input, TextWriter output, TextWriter error)
    {
        if (question is null && !json)
        {
            error.WriteLine("error: give a question, such as: pakazbot ask \"When did Pakistan recognize Azerbaijan?\" (or use --json to read questions from standard input)");
            return Usage;
        }

        return WithIndex(settings, knowledgeDir, indexDir, semantic, error, index =>
        {
            var answerer = new Answerer(index, explain ? error.WriteLine : null);
            if (question is not null)
            {
                Write(answerer.Ask(question), json, output);
                return Ok;
            }

            while (input.ReadLine() is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    Write(answerer.Ask(line), json: true, output);
                    output.Flush();
                }
            }

            return Ok;
        });
    }

    private static void Write(Answer answer, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonContract.Answer(answer).ToJsonString(JsonContract.Compact));
        }
        else
        {
            output.Write(MarkdownRenderer.Render(answer, MarkdownRenderer.CommandLineHintIn(answer.Language)));
        }
    }

    /// <summary>Where <c>timeline --png/--svg</c> draw the picture; none set prints the list.</summary>
    private sealed record TimelineFiles(string? Png, string? Svg);

    private static int Timeline(IConfiguration settings, string? knowledgeDir, TimelineFilter filter, bool json, TimelineFiles files, TextWriter output, TextWriter error)
    {
        if (filter.From is not null && filter.To is not null && filter.From.Start > filter.To.End)
        {
            error.WriteLine($"error: --from {filter.From.Iso} is after --to {filter.To.Iso}");
            return Usage;
        }

        return WithIndex(settings, knowledgeDir, null, semantic: false, error, index =>
        {
            var entries = TimelineBuilder.Build(index, filter);
            if (files.Png is null && files.Svg is null)
            {
                output.Write(json ? JsonContract.Timeline(entries).ToJsonString(JsonContract.Compact) + "\n" : MarkdownRenderer.Render(entries));
                return Ok;
            }

            return WriteTimelinePictures(entries, files, output, error);
        });
    }

    private static int WriteTimelinePictures(IReadOnlyList<TimelineEntry> entries, TimelineFiles files, TextWriter output, TextWriter error)
    {
        var picture = TimelineLayout.Compute(entries);
        foreach (var (file, kind) in new[] { (files.Png, "PNG"), (files.Svg, "SVG") })
        {
            if (file is null)
            {
                continue;
            }

            try
            {
                if (kind == "PNG")
                {
                    File.WriteAllBytes(file, TimelinePng.Render(picture));
                }
                else
                {
                    File.WriteAllText(file, TimelineSvg.Write(picture, links: false));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write {file}: {e.Message}");
                return Failed;
            }

            output.WriteLine($"Wrote the timeline ({entries.Count} statements, {picture.Width:0}×{picture.Height:0}) as {kind} to {file}");
        }

        return Ok;
    }

    private static int Sources(IConfiguration settings, string? knowledgeDir, bool json, TextWriter output, TextWriter error)
    {
        var knowledge = Load(settings, knowledgeDir, error);
        if (knowledge is null)
        {
            return Failed;
        }

        if (json)
        {
            output.WriteLine(JsonContract.Sources(knowledge).ToJsonString(JsonContract.Compact));
            return Ok;
        }

        foreach (var d in knowledge.Documents)
        {
            output.WriteLine($"{d.Id}: {d.Title} — {d.Publisher}, {MarkdownRenderer.Day(d.Published)} ({d.Paragraphs.Count} paragraphs){(d.Url is null ? "" : " " + d.Url)}");
        }

        return Ok;
    }

    private static int Reindex(IConfiguration settings, string? knowledgeDir, string? indexDir, bool semantic, TextWriter output, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        var knowledge = Load(settings, knowledgeDir, error);
        var path = KnowledgeLocator.IndexPath(settings, indexDir);
        if (knowledge is null)
        {
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }

        try
        {
            LuceneIndex.BuildOnDisk(knowledge, path);
        }
        catch (KnowledgeValidationException e)
        {
            WriteErrors(e, error);
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }
        catch (IndexLockedException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine($"The index at {path} was left as it was.");
            return Failed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indexed {knowledge.Documents.Count} document(s), {knowledge.Passages.Count} paragraphs in {clock.Elapsed.TotalSeconds:0.00} s into {path} (content {knowledge.ContentHash[..12]})."));

        // The vectors go to the cache the server and the other commands read, so they start without running the model.
        var semanticSettings = SemanticSettingsFor(settings, semantic);
        if (semanticSettings is not null)
        {
            clock.Restart();
            try
            {
                var vectors = SemanticIndex.Build(knowledge, semanticSettings.Encoder, semanticSettings.VectorCachePath);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Semantic vectors ({vectors.Model}): {vectors.Encoded} text(s) embedded, {vectors.Cached} from the cache, in {clock.Elapsed.TotalSeconds:0.00} s into {semanticSettings.VectorCachePath}."));
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
            {
                // The Lucene index is written; only the vectors' head start is lost, and the server computes them itself.
                error.WriteLine($"error: the semantic model could not run ({e.Message}); the index was written, the vector cache was not. --no-semantic skips it.");
                return Failed;
            }
        }

        return Ok;
    }

    private static int Eval(IConfiguration settings, string? knowledgeDir, FileInfo file, string? features, bool semantic, bool explain, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"error: {file.FullName} does not exist");
            return Usage;
        }

        IReadOnlyList<EvalItem> items;
        try
        {
            items = Evaluator.Read(file.FullName);
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Failed;
        }

        return WithIndex(settings, knowledgeDir, null, semantic, error, index =>
        {
            var report = Evaluator.Run(new Answerer(index, explain ? error.WriteLine : null), items, explain ? item => error.WriteLine($"=== {item.Id} {item.Question} | gold={(item.Passage is null ? "decline" : index.Knowledge.Passages.FirstOrDefault(p => p.Text.Contains(item.Passage, StringComparison.OrdinalIgnoreCase))?.Id)}") : null);
            EvalReportWriter.Write(report, output);
            if (features is not null)
            {
                EvalReportWriter.WriteFeatures(report, features);
            }

            var misses = report.Misses.ToList();
            output.WriteLine($"misses: {misses.Count}");
            foreach (var miss in misses)
            {
                var a = miss.Answer;
                var got = a.Answered
                    ? $"cited ¶{a.Citations[0].Passage.Number} \"{a.Text}\" short={a.Short ?? "null"} date={a.Date?.Date.Iso ?? "null"}"
                    : $"abstained ({a.Reason}, confidence {a.Confidence.ToString(CultureInfo.InvariantCulture)})";
                var wanted = miss.Item.Abstain ? "an abstention" : $"passage \"{miss.Item.Passage}\" and one of [{string.Join(", ", miss.Item.AnswerAny)}]";
                output.WriteLine($"  {miss.Item.Id} {JsonSerializer.Serialize(miss.Item.Question)}: wanted {wanted}; got {got}");
            }

            return Ok;
        });
    }

    /// <summary>The semantic settings from Search:Semantic and Search:VectorCache, or null when off (by them or by --no-semantic).</summary>
    private static SemanticSettings? SemanticSettingsFor(IConfiguration settings, bool wanted)
    {
        var options = new SearchOptions();
        settings.GetSection(SearchOptions.Section).Bind(options);
        return wanted ? SemanticSettings.From(options) : null;
    }

    private static int WithIndex(IConfiguration settings, string? knowledgeDir, string? indexDir, bool semantic, TextWriter error, Func<IPassageIndex, int> work)
    {
        var knowledge = Load(settings, knowledgeDir, error);
        if (knowledge is null)
        {
            return Failed;
        }

        try
        {
            // One-shot: whatever vectors the cache lacks are computed now (and cached), not in the background.
            SemanticIndex? vectors = null;
            if (SemanticSettingsFor(settings, semantic) is { } semanticSettings)
            {
                vectors = SemanticIndex.Build(knowledge, semanticSettings.Encoder, semanticSettings.VectorCachePath);
                if (vectors.Encoded > 0)
                {
                    error.WriteLine($"note: embedded {vectors.Encoded} new text(s) with {vectors.Model} into {semanticSettings.VectorCachePath}");
                }
            }

            LuceneIndex? index = null;
            if (indexDir is not null)
            {
                index = LuceneIndex.OpenOnDisk(knowledge, indexDir, vectors);
                if (index is null)
                {
                    error.WriteLine($"note: no index at {indexDir} matches the knowledge folder; building one in memory (run 'pakazbot reindex' to refresh it)");
                }
            }

            using var used = index ?? LuceneIndex.BuildInMemory(knowledge, vectors);
            return work(used);
        }
        catch (KnowledgeValidationException e)
        {
            WriteErrors(e, error);
            return Failed;
        }
    }

    private static KnowledgeBase? Load(IConfiguration settings, string? knowledgeDir, TextWriter error)
    {
        try
        {
            var knowledge = KnowledgeLoader.Load(KnowledgeLocator.KnowledgePath(settings, knowledgeDir));
            foreach (var warning in knowledge.Warnings)
            {
                error.WriteLine($"warning: {warning}");
            }

            return knowledge;
        }
        catch (KnowledgeValidationException e)
        {
            WriteErrors(e, error);
            return null;
        }
    }

    private static void WriteErrors(KnowledgeValidationException e, TextWriter error)
    {
        foreach (var problem in e.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        error.WriteLine($"{e.Errors.Count} error(s) in the knowledge folder; nothing was loaded.");
    }
}
