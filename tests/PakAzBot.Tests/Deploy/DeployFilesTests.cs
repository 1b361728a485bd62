using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Serving;
using PakAzBot.Discord;
using PakAzBot.Teams;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PakAzBot.Tests.Deploy;

/// <summary>
/// Keeps the deployment files under deploy/ honest: they parse, every environment variable they set is a setting the
/// application reads, the Dockerfile copies files that exist, and the Kubernetes Deployment keeps its guarantees.
/// </summary>
public sealed partial class DeployFilesTests
{
    /// <summary>The option classes whose settings deployments may set: the ones the application checks its settings against.</summary>
    private static readonly Type[] OptionTypes = [.. KnownSettings.OptionTypes];

    /// <summary>
    /// Variables that are not option-class settings but are read: the listen address (ASPNETCORE_HTTP_PORTS is
    /// emptied in the image so it does not clash with it), the question-logging switch read straight from
    /// configuration, and the pod name the Deployment uses to build the feedback path. DOTNET_* are the runtime's own.
    /// </summary>
    private static readonly string[] AllowedNames = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "Logging__IncludeQuestions", "POD_NAME"];

    /// <summary>Settings for tests only, which no deployment may set.</summary>
    private static readonly string[] TestOnlySettings = [$"{TeamsOptions.Section}__{nameof(TeamsOptions.AllowInsecureMetadata)}"];

    private static string Deploy => Path.Combine(TestPaths.RepositoryRoot, "deploy");

    private static string DeployFile(params string[] parts) => Path.Combine([Deploy, .. parts]);

    // ---- (a) YAML -------------------------------------------------------------------------------------------------

    [Fact]
    public void EveryYamlFileUnderDeployParses()
    {
        var files = YamlFiles();
        Assert.Contains(files, f => f.EndsWith("docker-compose.yml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("deployment.yaml", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var documents = LoadYaml(file);
                if (documents.Count == 0 || documents.Any(d => d.RootNode is not YamlMappingNode))
                {
                    problems.Add($"{Relative(file)}: every document should be a mapping");
                }
            }
            catch (YamlException e)
            {
                problems.Add($"{Relative(file)}:{e.Start.Line}: {e.Message}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // ---- (b) environment variables ---------------------------------------------------------------------------------

    [Fact]
    public void EveryEnvironmentVariableInTheDeployFilesIsARealSetting()
    {
        var named = NamedVariables();

        // Each source must yield names, so that a parser that silently finds nothing cannot pass.
        foreach (var source in new[] { ".env.example", "k8s/deployment.yaml", "k8s/secret.example.yaml", "Dockerfile", "systemd/pakazbot.service" })
        {
            Assert.Contains(named, n => n.File == source);
        }

        var problems = named
            .Select(n => (n.File, n.Name, Problem: ProblemWith(n.Name)))
            .Where(n => n.Problem is not null)
            .Select(n => $"{n.File}: {n.Name}: {n.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoDeployFileSetsATestOnlySetting()
    {
        var offending = NamedVariables()
            .Where(n => TestOnlySettings.Contains(n.Name, StringComparer.OrdinalIgnoreCase))
            .Select(n => $"{n.File}: {n.Name}")
            .ToList();
        Assert.True(offending.Count == 0, "test-only settings in deployment files:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void EnvExampleListsEverySetting()
    {
        var listed = EnvExampleNames().ToHashSet(StringComparer.Ordinal);
        var expected = OptionTypes
            .SelectMany(t => SettableProperties(t).SelectMany(p => IsGroup(p)
                ? SettableProperties(p.PropertyType).Select(inner => $"{EnvironmentSection(t)}__{p.Name}__{inner.Name}")
                : [$"{EnvironmentSection(t)}__{p.Name}" + (IsList(p) ? "__0" : "")]))
            .Where(name => !TestOnlySettings.Contains(name, StringComparer.Ordinal))
            .Append("ASPNETCORE_URLS")
            .Append("Logging__IncludeQuestions");

        var missing = expected.Where(name => !listed.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "deploy/.env.example does not list: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("Knowledge__Path")]
    [InlineData("knowledge__path")]
    [InlineData("Discord__ModeratorRoleIds__0")]
    [InlineData("Teams__ModeratorIds__12")]
    [InlineData("Feedback__Path")]
    [InlineData("ConnectionStrings__Feedback")]
    [InlineData("ConnectionStrings__Coordination")]
    [InlineData("Discord__Gateway__Shards")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("DOTNET_EnableDiagnostics")]
    [InlineData("Logging__IncludeQuestions")]
    [InlineData("POD_NAME")]
    public void ARealSettingIsAccepted(string name) => Assert.Null(ProblemWith(name));

    [Theory]
    [InlineData("Knowlege__Path")]
    [InlineData("Knowledge__Paht")]
    [InlineData("Knowledge__Path__0")]
    [InlineData("Discord__ModeratorRoleIds")]
    [InlineData("Discord__ModeratorRoleIds__first")]
    [InlineData("Discord__ModeratorRoleIds__0__Id")]
    [InlineData("Logging__IncludeQuestion")]
    [InlineData("ASPNETCORE_URL")]
    [InlineData("Knowledge")]
    [InlineData("Knowledge_Path")]
    [InlineData("ConnectionStrings__Default")]
    [InlineData("Discord__Gateway__Shard")]
    [InlineData("Discord__Gateway")]
    public void AMisspeltSettingIsRefused(string name) => Assert.NotNull(ProblemWith(name));

    // ---- (c) Dockerfile -------------------------------------------------------------------------------------------

    [Fact]
    public void EveryDockerfileCopySourceExists()
    {
        var checkedSources = 0;
        var problems = new List<string>();
        foreach (var (keyword, arguments) in DockerInstructions())
        {
            if (keyword is not ("COPY" or "ADD"))
            {
                continue;
            }

            var (flags, sources, _) = CopyArguments(arguments);
            if (flags.Any(f => f.StartsWith("--from=", StringComparison.Ordinal)))
            {
                continue; // from another stage, not from the build context
            }

            foreach (var source in sources)
            {
                checkedSources++;
                if (!ContextPathExists(source))
                {
                    problems.Add($"{keyword} {source}: no such file or folder in the repository");
                }
            }
        }

        Assert.True(checkedSources > 0, "no COPY from the build context found in deploy/Dockerfile");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void DockerfileCopiesEveryProjectFileBeforeTheRestore()
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var restored = false;
        foreach (var (keyword, arguments) in DockerInstructions())
        {
            if (keyword == "RUN" && arguments.Contains("dotnet restore", StringComparison.Ordinal))
            {
                restored = true;
                break;
            }

            if (keyword == "COPY")
            {
                var (_, sources, destination) = CopyArguments(arguments);
                foreach (var source in sources)
                {
                    copied.Add(source.StartsWith("./", StringComparison.Ordinal) ? source[2..] : source);
                }

                Assert.True(sources.Count == 1 || destination.EndsWith('/'), $"COPY {arguments}: several sources need a folder destination ending in /");
            }
        }

        Assert.True(restored, "deploy/Dockerfile has no RUN dotnet restore");
        var projects = Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(projects);
        var missing = projects.Where(p => !copied.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "copy these before `dotnet restore` in deploy/Dockerfile, or the image build fails: " + string.Join(", ", missing));
    }

    [Fact]
    public void DockerfileHealthcheckHitsHealthz()
    {
        var checks = DockerInstructions().Where(i => i.Keyword == "HEALTHCHECK").Select(i => i.Arguments).ToList();
        var check = Assert.Single(checks);
        Assert.Contains("CMD", check, StringComparison.Ordinal);
        Assert.Contains("/healthz", check, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerImageRunsAsANonRootUser()
    {
        var users = DockerInstructions().Where(i => i.Keyword == "USER").Select(i => i.Arguments.Trim()).ToList();
        Assert.NotEmpty(users);
        Assert.DoesNotContain(users[^1], new[] { "root", "0", "0:0" });
    }

    // ---- (d) Kubernetes -------------------------------------------------------------------------------------------

    [Fact]
    public void DeploymentRunsThreeHealthCheckedNonRootReplicas()
    {
        var deployment = Assert.Single(KubernetesObjects(), o => Scalar(o.Node, "kind") == "Deployment").Node;
        Assert.Equal("3", Scalar(deployment, "spec", "replicas"));

        var pod = Get(deployment, "spec", "template", "spec");
        var container = Assert.Single(Assert.IsType<YamlSequenceNode>(Get(pod, "containers")).Children.OfType<YamlMappingNode>(), c => Scalar(c, "name") == "pakazbot");
        var containerPorts = (Get(container, "ports") as YamlSequenceNode)?.Children ?? [];

        // The probes go to the management listener when the container has one (Management__Urls), else to 8080.
        var management = ((Get(container, "env") as YamlSequenceNode)?.Children ?? [])
            .Where(e => Scalar(e, "name") == "Management__Urls").Select(e => new Uri(Scalar(e, "value")!).Port.ToString(CultureInfo.InvariantCulture)).FirstOrDefault();
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", Scalar(container, probe, "httpGet", "path"));
            var port = Scalar(container, probe, "httpGet", "port");
            var resolved = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? port
                : containerPorts.Where(p => Scalar(p, "name") == port).Select(p => Scalar(p, "containerPort")).FirstOrDefault();
            Assert.True(resolved == (management ?? "8080"), $"{probe} should probe port {management ?? "8080"}, probes {port}");
        }

        Assert.True(
            Scalar(pod, "securityContext", "runAsNonRoot") == "true" || Scalar(container, "securityContext", "runAsNonRoot") == "true",
            "runAsNonRoot must be true");
        Assert.Equal("true", Scalar(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(container, "securityContext", "allowPrivilegeEscalation"));
        var dropped = (Get(container, "securityContext", "capabilities", "drop") as YamlSequenceNode)?.Children.Select(c => Scalar(c)) ?? [];
        Assert.Contains("ALL", dropped);
    }

    [Fact]
    public void TheAppReadsTheKnowledgeGitSyncWritesInTheKubernetesAndComposeExamples()
    {
        var deployment = Assert.Single(KubernetesObjects(), o => Scalar(o.Node, "kind") == "Deployment").Node;
        var pod = Get(deployment, "spec", "template", "spec");
        var volumes = Assert.IsType<YamlSequenceNode>(Get(pod, "volumes")).Children;
        var containers = new[] { "initContainers", "containers" }
            .SelectMany(k => (Get(pod, k) as YamlSequenceNode)?.Children ?? [])
            .OfType<YamlMappingNode>().ToList();
        var app = Assert.Single(containers, c => Scalar(c, "name") == "pakazbot");
        var syncs = containers.Where(c => Scalar(c, "image")?.Contains("git-sync", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, syncs.Count); // the first sync before the app starts, and the sidecar that keeps it current
        Assert.Contains(syncs, c => Env(c, "GITSYNC_ONE_TIME") == "true");

        var knowledge = Env(app, "Knowledge__Path");
        foreach (var sync in syncs)
        {
            var root = Env(sync, "GITSYNC_ROOT")!;
            Assert.StartsWith($"{root}/{Env(sync, "GITSYNC_LINK")}/", knowledge, StringComparison.Ordinal);
            var volume = Mount(sync, root);
            Assert.NotNull(volume);
            Assert.Equal(volume, Mount(app, root));
            Assert.Contains(volumes, v => Scalar(v, "name") == volume);
        }

        var compose = Assert.Single(LoadYaml(DeployFile("docker-compose.yml"))).RootNode;
        var services = Assert.IsType<YamlMappingNode>(Get(compose, "services"));
        var gitSync = services.Children.Values.OfType<YamlMappingNode>().Single(v => Scalar(v, "image")?.Contains("git-sync", StringComparison.Ordinal) == true);
        var bot = Assert.IsType<YamlMappingNode>(Get(services, "pakazbot"));
        var composeRoot = Scalar(gitSync, "environment", "GITSYNC_ROOT")!;
        Assert.StartsWith($"{composeRoot}/{Scalar(gitSync, "environment", "GITSYNC_LINK")}/", Scalar(bot, "environment", "Knowledge__Path"), StringComparison.Ordinal);
        string ComposeVolume(YamlMappingNode service) => ((Get(service, "volumes") as YamlSequenceNode)?.Children ?? [])
            .Select(v => Scalar(v)!.Split(':')).Single(p => p[1] == composeRoot)[0];
        Assert.Equal(ComposeVolume(gitSync), ComposeVolume(bot));

        static string? Env(YamlNode container, string name) => ((Get(container, "env") as YamlSequenceNode)?.Children ?? [])
            .Where(e => Scalar(e, "name") == name).Select(e => Scalar(e, "value")).FirstOrDefault();
        static string? Mount(YamlNode container, string path) => ((Get(container, "volumeMounts") as YamlSequenceNode)?.Children ?? [])
            .Where(m => Scalar(m, "mountPath") == path).Select(m => Scalar(m, "name")).FirstOrDefault();
    }

    [Fact]
    public void DeploymentReadsOnlySecretKeysTheExampleSecretDefines()
    {
        var objects = KubernetesObjects();
        var secret = Assert.Single(objects, o => Scalar(o.Node, "kind") == "Secret").Node;
        var secretName = Scalar(secret, "metadata", "name");
        var defined = new[] { "stringData", "data" }
            .Select(k => Get(secret, k))
            .OfType<YamlMappingNode>()
            .SelectMany(m => m.Children.Keys.Select(k => Scalar(k)))
            .ToHashSet(StringComparer.Ordinal);

        var references = Descendants(Assert.Single(objects, o => Scalar(o.Node, "kind") == "Deployment").Node)
            .Select(n => Get(n, "secretKeyRef"))
            .OfType<YamlMappingNode>()
            .ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.Equal(secretName, Scalar(reference, "name"));
            Assert.Contains(Scalar(reference, "key"), defined);
        }
    }

    [Fact]
    public void EveryKubernetesObjectCarriesTheAppLabel()
    {
        const string Label = "app.kubernetes.io/name";
        var problems = new List<string>();
        foreach (var (file, node) in KubernetesObjects())
        {
            var kind = Scalar(node, "kind");
            if (Scalar(node, "metadata", "labels", Label) != "pakazbot")
            {
                problems.Add($"{file}: {kind} lacks the label {Label}: pakazbot");
            }

            var selector = kind switch
            {
                "Service" => Get(node, "spec", "selector"),
                "Deployment" or "PodDisruptionBudget" => Get(node, "spec", "selector", "matchLabels"),
                _ => null,
            };
            if (kind is "Service" or "Deployment" or "PodDisruptionBudget" && Scalar(selector, Label) != "pakazbot")
            {
                problems.Add($"{file}: {kind} does not select {Label}: pakazbot");
            }

            if (kind == "Deployment" && Scalar(node, "spec", "template", "metadata", "labels", Label) != "pakazbot")
            {
                problems.Add($"{file}: the Deployment's pods lack the label {Label}: pakazbot");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // ---- settings ---------------------------------------------------------------------------------------------------

    /// <summary>Why <paramref name="name"/> is not a setting the application reads, or null when it is.</summary>
    private static string? ProblemWith(string name)
    {
        // DOTNET_* are the runtime's own; GITSYNC_* are the git-sync sidecar's (checked against the app's settings below);
        // POSTGRES_* are the compose example's postgres container's.
        if (AllowedNames.Contains(name, StringComparer.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal)
            || name.StartsWith("GITSYNC_", StringComparison.Ordinal) || name.StartsWith("POSTGRES_", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = name.Split("__");
        if (parts.Length < 2)
        {
            return "not a setting: settings are Section__Key, and this is not one of " + string.Join(", ", AllowedNames) + " or DOTNET_*";
        }

        // The longest section that starts the name: Discord__Gateway__Enabled is Discord:Gateway's, Discord__BotToken Discord's.
        var type = OptionTypes
            .Where(t => SectionOf(t).Split(':') is var path && path.Length < parts.Length
                        && path.Select((p, i) => string.Equals(p, parts[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(t => SectionOf(t).Split(':').Length)
            .FirstOrDefault();
        if (type is null)
        {
            return $"no settings section '{parts[0]}' (sections: {string.Join(", ", OptionTypes.Select(SectionOf))})";
        }

        var depth = SectionOf(type).Split(':').Length;
        var property = SettableProperties(type).FirstOrDefault(p => string.Equals(p.Name, parts[depth], StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return $"{SectionOf(type)} has no setting '{parts[depth]}' (it has: {string.Join(", ", SettableProperties(type).Select(p => p.Name))})";
        }

        if (IsGroup(property))
        {
            return parts.Length == 3 && SettableProperties(property.PropertyType).Any(p => string.Equals(p.Name, parts[2], StringComparison.OrdinalIgnoreCase))
                ? null
                : $"{SectionOf(type)}:{property.Name} is a group: set one of its keys ({string.Join(", ", SettableProperties(property.PropertyType).Select(p => p.Name))})";
        }

        if (IsList(property))
        {
            return parts.Length == depth + 2 && int.TryParse(parts[depth + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? null
                : $"{SectionOf(type)}:{property.Name} is a list: set its items as {EnvironmentSection(type)}__{property.Name}__0, __1, …";
        }

        return parts.Length == depth + 1 ? null : $"{SectionOf(type)}:{property.Name} is a single value, not a list or a section";
    }

    private static string EnvironmentSection(Type optionType) => SectionOf(optionType).Replace(":", "__", StringComparison.Ordinal);

    /// <summary>A class of settings inside a section, such as Knowledge:Git.</summary>
    private static bool IsGroup(PropertyInfo property) =>
        property.PropertyType.IsClass && property.PropertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType);

    private static string SectionOf(Type optionType) =>
        (string)(optionType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException(optionType.Name + " has no Section constant"));

    private static IEnumerable<PropertyInfo> SettableProperties(Type optionType) =>
        optionType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetSetMethod() is not null);

    private static bool IsList(PropertyInfo property) =>
        property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);

    // ---- where the deploy files name variables ----------------------------------------------------------------------

    /// <summary>Every environment variable name the deploy files set, with the file (relative to deploy/) naming it.</summary>
    private static List<(string File, string Name)> NamedVariables()
    {
        var named = new List<(string File, string Name)>();
        named.AddRange(EnvExampleNames().Select(n => (".env.example", n)));

        foreach (var file in YamlFiles())
        {
            foreach (var document in LoadYaml(file))
            {
                named.AddRange(YamlVariableNames(document.RootNode).Select(n => (Relative(file), n)));
            }
        }

        foreach (var (keyword, arguments) in DockerInstructions())
        {
            if (keyword == "ENV")
            {
                named.AddRange(DockerEnvNames(arguments).Select(n => ("Dockerfile", n)));
            }
        }

        foreach (var line in File.ReadLines(DeployFile("systemd", "pakazbot.service")))
        {
            if (line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                named.AddRange(AssignmentRegex().Matches(line["Environment=".Length..]).Select(m => ("systemd/pakazbot.service", m.Groups[1].Value)));
            }
        }

        return named;
    }

    /// <summary>The names of "Name=value" lines and of unset "#Name=" lines in deploy/.env.example.</summary>
    private static IEnumerable<string> EnvExampleNames() =>
        File.ReadLines(DeployFile(".env.example"))
            .Select(line => EnvLineRegex().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

    /// <summary>Kubernetes env[].name, compose environment keys and Secret keys, found anywhere in a document.</summary>
    private static IEnumerable<string> YamlVariableNames(YamlNode root)
    {
        var isSecret = Scalar(root, "kind") == "Secret";
        foreach (var node in Descendants(root).OfType<YamlMappingNode>())
        {
            if (Get(node, "env") is YamlSequenceNode env)
            {
                foreach (var item in env.Children)
                {
                    yield return Scalar(item, "name") ?? "";
                }
            }

            switch (Get(node, "environment"))
            {
                case YamlMappingNode map:
                    foreach (var key in map.Children.Keys)
                    {
                        yield return Scalar(key) ?? "";
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        yield return (Scalar(item) ?? "").Split('=')[0];
                    }

                    break;
            }
        }

        if (isSecret)
        {
            foreach (var key in new[] { "stringData", "data" }.Select(k => Get(root, k)).OfType<YamlMappingNode>().SelectMany(m => m.Children.Keys))
            {
                yield return Scalar(key) ?? "";
            }
        }
    }

    private static IEnumerable<string> DockerEnvNames(string arguments)
    {
        var first = arguments.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (first.Length > 0 && !first[0].Contains('='))
        {
            return [first[0]]; // the legacy form: ENV NAME value
        }

        return AssignmentRegex().Matches(arguments).Select(m => m.Groups[1].Value);
    }

    // ---- Dockerfile -------------------------------------------------------------------------------------------------

    /// <summary>The Dockerfile's instructions, with continuation lines joined and comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> DockerInstructions()
    {
        var instructions = new List<(string Keyword, string Arguments)>();
        var current = "";
        foreach (var raw in File.ReadLines(DeployFile("Dockerfile")))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue; // comments (and parser directives), also inside continued instructions
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            if (current.Trim().Length > 0)
            {
                var parts = current.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                instructions.Add((parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : ""));
            }

            current = "";
        }

        Assert.True(current.Length == 0, "deploy/Dockerfile ends inside a continued instruction");
        return instructions;
    }

    /// <summary>A COPY/ADD's flags, sources and destination, in the shell or the JSON form.</summary>
    private static (List<string> Flags, List<string> Sources, string Destination) CopyArguments(string arguments)
    {
        var words = arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var rest = string.Join(' ', words.Skip(flags.Count));
        var paths = rest.StartsWith('[')
            ? JsonSerializer.Deserialize<List<string>>(rest) ?? []
            : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.True(paths.Count >= 2, $"COPY {arguments}: needs a source and a destination");
        return (flags, paths[..^1], paths[^1]);
    }

    /// <summary>Whether a path in the build context (the repository root) exists; * ? and [ ] globs as Docker reads them.</summary>
    private static bool ContextPathExists(string source)
    {
        var segments = source.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        var candidates = new List<string> { TestPaths.RepositoryRoot };
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            var next = new List<string>();
            foreach (var folder in candidates)
            {
                if (segment == "..")
                {
                    return false; // the build context has no parent
                }

                if (segment.IndexOfAny(['*', '?', '[']) < 0)
                {
                    var path = Path.Combine(folder, segment);
                    if (Directory.Exists(path) || (last && File.Exists(path)))
                    {
                        next.Add(path);
                    }

                    continue;
                }

                var pattern = new Regex("^" + Regex.Escape(segment).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]").Replace(@"\[", "[") + "$");
                var entries = last ? Directory.EnumerateFileSystemEntries(folder) : Directory.EnumerateDirectories(folder);
                next.AddRange(entries.Where(e => pattern.IsMatch(Path.GetFileName(e))));
            }

            candidates = next;
        }

        return candidates.Count > 0;
    }

    // ---- YAML ---------------------------------------------------------------------------------------------------------

    private static List<string> YamlFiles() =>
        Directory.EnumerateFiles(Deploy, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<YamlDocument> LoadYaml(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.ToList();
    }

    /// <summary>Every non-empty document of every file under deploy/k8s.</summary>
    private static List<(string File, YamlNode Node)> KubernetesObjects() =>
        YamlFiles()
            .Where(f => Relative(f).StartsWith("k8s/", StringComparison.Ordinal))
            .SelectMany(f => LoadYaml(f).Select(d => (Relative(f), d.RootNode)))
            .Where(o => Scalar(o.RootNode, "kind") is not null)
            .ToList();

    private static YamlNode? Get(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    private static string? Scalar(YamlNode? node, params string[] path) => (Get(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Descendants(YamlNode node)
    {
        yield return node;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.Values,
            YamlSequenceNode list => list.Children,
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(Deploy, file).Replace('\\', '/');

    [GeneratedRegex(@"^#?([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvLineRegex();

    [GeneratedRegex(@"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex AssignmentRegex();
}
