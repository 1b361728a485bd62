using Microsoft.Extensions.Configuration;

namespace PakAzBot;

/// <summary>
/// The settings the one-shot commands read (appsettings.json beside the binary and in the current folder, the
/// environment, then the --Section:Key=value arguments), and where the knowledge folder and the on-disk index are:
/// the option, else the setting, else the current folder.
/// </summary>
internal static class KnowledgeLocator
{
    public static IConfigurationRoot Settings(IEnumerable<string> commandLine) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine([.. commandLine])
        .Build();

    public static string KnowledgePath(IConfiguration settings, string? option) =>
        option ?? settings[$"{Core.Serving.KnowledgeOptions.Section}:Path"] ?? Path.Combine(Environment.CurrentDirectory, "knowledge");

    public static string IndexPath(IConfiguration settings, string? option) =>
        option ?? settings[$"{IndexOptions.Section}:{nameof(IndexOptions.Path)}"] ?? Path.Combine(Environment.CurrentDirectory, "index");
}
