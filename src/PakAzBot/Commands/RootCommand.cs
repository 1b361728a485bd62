using System.CommandLine;
using PakAzBot.Commands;

namespace PakAzBot;

/// <summary>
/// The pakazbot command line: the root command composed of one class per command under Commands/, which share a
/// <see cref="CommandContext"/>. Exit codes: 0 success, 1 the work failed (bad documents, bad input file),
/// 2 bad arguments (with a usage message).
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        // Settings may be given to every command as --Section:Key=value; a misspelt one is a bad argument.
        var (settingArgs, rest) = CommandContext.SplitSettings(args);
        var context = new CommandContext(settingArgs, input, output, error);
        if (context.RefusesUnknownSettings())
        {
            return Usage;
        }

        var root = new RootCommand("PakAzBot answers questions about Pakistan–Azerbaijan relations from its sources, quoting them. "
            + "With no command it serves, as 'serve' does. Every command takes settings as --Section:Key=value, such as --Knowledge:Path=DIR.");
        root.Add(context.Knowledge);
        foreach (var command in new Func<CommandContext, Command>[]
        {
            AskCommand.Create, TimelineCommand.Create, SourcesCommand.Create, ReindexCommand.Create, EvalCommand.Create, TrainCommand.Create,
            DiscordCommand.Create, TeamsCommand.Create, FeedbackCommand.Create, DocumentsCommand.Create,
        })
        {
            root.Add(command(context));
        }

        ServeCommand.AddTo(root, context);

        // No response files: "@AzEmbPak …" is a question that names a handle, not a file of arguments to read.
        var parsed = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            var at = parsed.CommandResult.Command;
            var commands = string.Join('|', root.Subcommands.Select(c => c.Name).OrderBy(n => n != "serve"));
            error.WriteLine($"usage: pakazbot {(at == root ? $"[{commands}]" : at.Name)} …  (see 'pakazbot {(at == root ? "" : at.Name + " ")}--help')");
            return Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
