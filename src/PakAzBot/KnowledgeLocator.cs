using Microsoft.Extensions.Configuration;

namespace PakAzBot;

/// <summary>Where the knowledge folder and the on-disk index are: the option, else the setting, else the current folder.</summary>
internal static class KnowledgeLocator
{
    public static IConfiguration Settings { get; } = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static string KnowledgePath(string? option) =>
        option ?? Settings["Knowledge:Path"] ?? Path.Combine(Environment.CurrentDirectory, "knowledge");

    public static string IndexPath(string? option) =>
        option ?? Settings["Index:Path"] ?? Path.Combine(Environment.CurrentDirectory, "index");
}
