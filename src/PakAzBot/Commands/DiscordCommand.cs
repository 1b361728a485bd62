using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PakAzBot.Core.Rendering;
using PakAzBot.Discord;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot discord commands</c> (the slash-command definitions) and <c>discord register [--guild ID]</c> (PUT them to Discord).</summary>
internal static class DiscordCommand
{
    public static Command Create(CommandContext c)
    {
        var discord = new Command("discord", "Discord: the slash-command definitions, and registering them");
        var commands = new Command("commands", "Print the command definitions as JSON (as in deploy/discord/commands.json)");
        commands.SetAction(_ =>
        {
            c.Output.WriteLine(DiscordCommands.Definitions().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JsonContract.Compact.Encoder }));
            return Ok;
        });
        var guild = new Option<string?>("--guild") { Description = "Register in this server only (changes show at once; global ones can take a while)" };
        var register = new Command("register", "PUT the commands to Discord (needs Discord:ApplicationId and Discord:BotToken)") { guild };
        register.TreatUnmatchedTokensAsErrors = false;
        register.SetAction(r => c.WithSettings(settings => Register(settings, r.GetValue(guild), r.UnmatchedTokens, c.Output, c.Error)));
        discord.Add(commands);
        discord.Add(register);
        return discord;
    }

    private static int Register(IConfiguration settings, string? guild, IReadOnlyList<string> more, TextWriter output, TextWriter error)
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
}
