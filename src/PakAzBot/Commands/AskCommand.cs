using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Answering;
using PakAzBot.Core.Rendering;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot ask QUESTION [--json] [--index DIR] [--explain] [--no-semantic]</c>: one answer, or one a line of standard input.</summary>
internal static class AskCommand
{
    public static Command Create(CommandContext c)
    {
        var question = new Argument<string?>("question") { Description = "The question; with --json and none given, one question per line from standard input", Arity = ArgumentArity.ZeroOrOne };
        var ask = new Command("ask", "Answer a question with a cited quote") { question, c.Json, c.Index, c.Explain, c.NoSemantic };
        ask.SetAction(r => c.WithSettings(settings => Ask(settings, r.GetValue(c.Knowledge), r.GetValue(c.Index), r.GetValue(question), r.GetValue(c.Json), r.GetValue(c.Explain), !r.GetValue(c.NoSemantic), c)));
        return ask;
    }

    private static int Ask(IConfiguration settings, string? knowledgeDir, string? indexDir, string? question, bool json, bool explain, bool semantic, CommandContext c)
    {
        if (question is null && !json)
        {
            c.Error.WriteLine("error: give a question, such as: pakazbot ask \"When did Pakistan recognize Azerbaijan?\" (or use --json to read questions from standard input)");
            return Usage;
        }

        return KnowledgeAccess.WithIndex(settings, knowledgeDir, indexDir, semantic, c.Error, index =>
        {
            var answerer = new Answerer(index, explain ? c.Error.WriteLine : null);
            if (question is not null)
            {
                Write(answerer.Ask(question), json, c.Output);
                return Ok;
            }

            while (c.Input.ReadLine() is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    Write(answerer.Ask(line), json: true, c.Output);
                    c.Output.Flush();
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
}
