using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;
using PakAzBot.Core.Feedback;
using PakAzBot.Core.Serving;
using PakAzBot.Discord;
using PakAzBot.Discord.Gateway;
using PakAzBot.Hosting;
using PakAzBot.Search.Semantic;
using PakAzBot.Teams;

namespace PakAzBot;

/// <summary>Settings under "Index": where <c>reindex</c> writes the on-disk index and <c>ask --index</c> reads it.</summary>
public sealed class IndexOptions
{
    public const string Section = "Index";

    /// <summary>The on-disk index folder; relative paths are taken from the current folder.</summary>
    public string Path { get; set; } = "index";
}

/// <summary>
/// Every setting PakAzBot reads, so that a misspelt one stops the start with a message naming it instead of being
/// silently ignored. A key under one of PakAzBot's sections must be a property of that section's options (a list's
/// items numbered 0, 1, …). A top-level key in appsettings.json or on the command line must be one of those sections
/// or a setting of ASP.NET Core itself. Environment variables are checked under PakAzBot's sections only: the
/// environment holds many variables that are nobody's settings.
/// </summary>
internal static class KnownSettings
{
    /// <summary>PakAzBot's settings sections and the options class whose properties are their keys.</summary>
    public static readonly IReadOnlyList<Type> OptionTypes =
    [
        typeof(KnowledgeOptions),
        typeof(IndexOptions),
        typeof(SearchOptions),
        typeof(AdminOptions),
        typeof(WebOptions),
        typeof(RateLimitOptions),
        typeof(FeedbackOptions),
        typeof(FeedbackConnectionStrings),
        typeof(ProxyOptions),
        typeof(ManagementOptions),
        typeof(DiscordOptions),
        typeof(DiscordGatewayOptions),
        typeof(TeamsOptions),
    ];

    /// <summary>Top-level keys that are ASP.NET Core's and .NET's own (the web host's settings, logging, Kestrel).</summary>
    public static readonly IReadOnlyList<string> HostKeys =
    [
        "urls", "http_ports", "https_ports", "https_port", "environment", "applicationName", "contentRoot", "webroot",
        "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "preferHostingUrls", "suppressStatusMessages",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "startupAssembly",
        "Logging", "Kestrel", "AllowedHosts",
    ];

    public static string SectionOf(Type optionType) =>
        (string)optionType.GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    public static IEnumerable<PropertyInfo> Keys(Type optionType) =>
        optionType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetSetMethod() is not null);

    public static bool IsList(PropertyInfo property) =>
        property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);

    /// <summary>What is wrong with every unknown key in <paramref name="configuration"/>, one message each.</summary>
    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        // Keys with a value: a section or a list is the parent of the keys that hold the values, and has none itself.
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && SectionType(key.Split(':')[0]) is not null && ProblemWith(key) is { } problem)
            {
                problems.Add(problem);
            }
        }

        // Top-level sections: only from the files and the command line, which hold nothing but settings.
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Where(p => p is JsonConfigurationProvider or CommandLineConfigurationProvider))
            {
                foreach (var top in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (SectionType(top) is null && !HostKeys.Contains(top, StringComparer.OrdinalIgnoreCase))
                    {
                        // Named by its whole keys, such as Knowlege:Path, as the user wrote them.
                        var keys = configuration.GetSection(top).AsEnumerable().Where(k => k.Value is not null).Select(k => k.Key).ToList();
                        problems.AddRange((keys.Count > 0 ? keys : [top]).Select(k => ProblemWith(k)!));
                    }
                }
            }
        }

        return problems.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Why <paramref name="key"/> (Section:Key, Section:List:0) is not a setting, or null when it is one.</summary>
    public static string? ProblemWith(string key)
    {
        var parts = key.Split(':');
        if (HostKeys.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var (type, depth) = SectionOfKey(parts);
        if (type is null)
        {
            return $"unknown setting {key}: there is no settings section '{parts[0]}' (PakAzBot's are {string.Join(", ", OptionTypes.Select(SectionOf))})";
        }

        var section = SectionOf(type);
        var known = string.Join(", ", Keys(type).Select(p => p.Name));
        if (parts.Length == depth)
        {
            return $"{section} is a section, not a setting: set its keys ({known}) as {section}:Key";
        }

        var property = Keys(type).FirstOrDefault(p => string.Equals(p.Name, parts[depth], StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return $"unknown setting {key}: {section} has {known}";
        }

        // A group of settings inside a section (Knowledge:Git:Repository): its keys are that class's properties.
        for (var level = depth + 1; IsGroup(property.PropertyType); level++)
        {
            var group = string.Join(':', parts[..level]);
            var groupKeys = Keys(property.PropertyType).ToList();
            if (parts.Length == level)
            {
                return $"{group} is a group of settings, not a setting: set its keys ({string.Join(", ", groupKeys.Select(p => p.Name))}) as {group}:Key";
            }

            var inner = groupKeys.FirstOrDefault(p => string.Equals(p.Name, parts[level], StringComparison.OrdinalIgnoreCase));
            if (inner is null)
            {
                return $"unknown setting {key}: {group} has {string.Join(", ", groupKeys.Select(p => p.Name))}";
            }

            if (!IsGroup(inner.PropertyType))
            {
                return parts.Length == level + 1 ? null : $"unknown setting {key}: {group}:{inner.Name} is a single value, not a list or a section";
            }

            property = inner;
        }

        if (IsList(property))
        {
            return parts.Length == depth + 2 && int.TryParse(parts[depth + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? null
                : $"{section}:{property.Name} is a list: set its items as {section}:{property.Name}:0, :1, … (environment: {section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}__0)";
        }

        return parts.Length == depth + 1 ? null : $"unknown setting {key}: {section}:{property.Name} is a single value, not a list or a section";
    }

    /// <summary>
    /// The options class a key belongs to and how many of its parts name the section: the longest section that starts
    /// the key, so Discord:Gateway:Enabled is DiscordGatewayOptions' and Discord:BotToken DiscordOptions'.
    /// </summary>
    private static (Type? Type, int Depth) SectionOfKey(string[] parts) =>
        OptionTypes.Select(t => (Type: t, Path: SectionOf(t).Split(':')))
            .Where(s => s.Path.Length <= parts.Length && s.Path.Select((p, i) => string.Equals(p, parts[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(s => s.Path.Length)
            .Select(s => ((Type?)s.Type, s.Path.Length))
            .FirstOrDefault();

    /// <summary>A class of settings nested in a section, such as <see cref="Core.Moderation.KnowledgeGitOptions"/>.</summary>
    private static bool IsGroup(Type type) => type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? SectionType(string section) =>
        OptionTypes.FirstOrDefault(t => string.Equals(SectionOf(t).Split(':')[0], section, StringComparison.OrdinalIgnoreCase));
}
