using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Configuration;
using PakAzBot.Core.Dates;
using PakAzBot.Core.Rendering;
using PakAzBot.Core.Timeline;
using PakAzBot.Drawing;
using static PakAzBot.Cli;

namespace PakAzBot.Commands;

/// <summary><c>pakazbot timeline [--from DATE] [--to DATE] [--topic WORDS] [--json] [--png FILE] [--svg FILE]</c>.</summary>
internal static class TimelineCommand
{
    /// <summary>Where <c>timeline --png/--svg</c> draw the picture; none set prints the list.</summary>
    private sealed record TimelineFiles(string? Png, string? Svg);

    public static Command Create(CommandContext c)
    {
        var from = new Option<PartialDate?>("--from") { Description = "Earliest date: 1991, 1995-10, 1991-12-12 or 'October 1995'", CustomParser = ParseDate };
        var to = new Option<PartialDate?>("--to") { Description = "Latest date, in the same forms", CustomParser = ParseDate };
        var topic = new Option<string?>("--topic") { Description = "Only statements from passages about these words" };
        var png = new Option<string?>("--png") { Description = "Draw the timeline as a PNG picture into this file (instead of printing the list)" };
        var svg = new Option<string?>("--svg") { Description = "Draw the timeline as an SVG picture into this file (instead of printing the list)" };
        var timeline = new Command("timeline", "Every dated statement, oldest first") { from, to, topic, c.Json, png, svg };
        timeline.SetAction(r => c.WithSettings(settings => Timeline(settings, r.GetValue(c.Knowledge), new TimelineFilter(r.GetValue(from), r.GetValue(to), r.GetValue(topic)),
            r.GetValue(c.Json), new TimelineFiles(r.GetValue(png), r.GetValue(svg)), c.Output, c.Error)));
        return timeline;
    }

    private static PartialDate? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (PartialDate.TryParse(text, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date: use 1991, 1995-10, 1991-12-12, 'October 1995' or '12 December 1991'");
        return null;
    }

    private static int Timeline(IConfiguration settings, string? knowledgeDir, TimelineFilter filter, bool json, TimelineFiles files, TextWriter output, TextWriter error)
    {
        if (filter.From is not null && filter.To is not null && filter.From.Start > filter.To.End)
        {
            error.WriteLine($"error: --from {filter.From.Iso} is after --to {filter.To.Iso}");
            return Usage;
        }

        return KnowledgeAccess.WithIndex(settings, knowledgeDir, null, semantic: false, error, index =>
        {
            var entries = TimelineBuilder.Build(index, filter);
            if (files.Png is null && files.Svg is null)
            {
                output.Write(json ? JsonContract.Timeline(entries).ToJsonString(JsonContract.Compact) + "\n" : MarkdownRenderer.Render(entries));
                return Ok;
            }

            return WritePictures(entries, files, output, error);
        });
    }

    private static int WritePictures(IReadOnlyList<TimelineEntry> entries, TimelineFiles files, TextWriter output, TextWriter error)
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
}
