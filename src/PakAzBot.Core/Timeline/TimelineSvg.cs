using System.Globalization;
using System.Security;
using System.Text;

namespace PakAzBot.Core.Timeline;

/// <summary>
/// Writes a <see cref="TimelinePicture"/> as SVG text. Presentation attributes only (no style element or attribute),
/// so a page whose Content-Security-Policy forbids inline styles can put it in its document. Each text's length is
/// pinned with <c>textLength</c> to the width the layout measured in DejaVu Sans, so labels keep their boxes (and stay
/// apart) in whatever font the browser has.
/// </summary>
public static class TimelineSvg
{
    /// <summary>The id the page gives the list item of entry <paramref name="entry"/>, which its mark links to.</summary>
    public static string EntryAnchor(int entry) => "timeline-entry-" + entry.ToString(CultureInfo.InvariantCulture);

    /// <param name="picture">The placed timeline.</param>
    /// <param name="links">
    /// True: each mark is a link to <c>#timeline-entry-N</c> (the page's list), focusable with the keyboard, and the
    /// picture is a labelled group so a screen reader reaches the links. False: a plain picture (<c>role="img"</c>),
    /// for a file.
    /// </param>
    public static string Write(TimelinePicture picture, bool links)
    {
        var svg = new StringBuilder(4096 + picture.Marks.Count * 400);
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(picture.Width)} {N(picture.Height)}\" width=\"{N(picture.Width)}\" height=\"{N(picture.Height)}\""))
            .Append(links ? " role=\"group\"" : " role=\"img\"")
            .Append(" aria-label=\"").Append(Escape(picture.Title.Text + ". " + picture.Description)).Append('"')
            .Append(" class=\"timeline-picture\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n");
        svg.Append("<title>").Append(Escape(picture.Title.Text)).Append("</title>\n");
        svg.Append("<desc>").Append(Escape(picture.Description)).Append("</desc>\n");
        svg.Append(Invariant($"<rect width=\"{N(picture.Width)}\" height=\"{N(picture.Height)}\" fill=\"#ffffff\"/>\n"));
        Text(svg, picture.Title, TimelinePicture.Ink, "title");

        svg.Append("<g class=\"leaders\" stroke=\"").Append(TimelinePicture.Line).Append("\" stroke-width=\"1\">\n");
        foreach (var label in picture.Labels)
        {
            svg.Append(Invariant($"<line x1=\"{N(label.LeaderX)}\" y1=\"{N(label.LeaderTop)}\" x2=\"{N(label.LeaderX)}\" y2=\"{N(label.LeaderBottom)}\"/>\n"));
        }

        svg.Append("</g>\n<g class=\"labels\">\n");
        foreach (var label in picture.Labels)
        {
            var box = label.Text.Box;
            svg.Append(Invariant($"<rect x=\"{N(box.X)}\" y=\"{N(box.Y)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" rx=\"3\" fill=\"#ffffff\" stroke=\"{Colour(label.Colour)}\"/>\n"));
            Text(svg, label.Text, TimelinePicture.Ink, "label", label.Entry);
        }

        svg.Append("</g>\n");
        svg.Append(Invariant($"<line class=\"axis\" x1=\"{N(picture.AxisLeft)}\" y1=\"{N(picture.AxisY)}\" x2=\"{N(picture.AxisRight)}\" y2=\"{N(picture.AxisY)}\" stroke=\"{TimelinePicture.Ink}\" stroke-width=\"1.5\"/>\n"));
        svg.Append("<g class=\"ticks\">\n");
        foreach (var tick in picture.Ticks)
        {
            svg.Append(Invariant($"<line x1=\"{N(tick.X)}\" y1=\"{N(picture.AxisY)}\" x2=\"{N(tick.X)}\" y2=\"{N(picture.AxisY + 5)}\" stroke=\"{TimelinePicture.Ink}\"/>\n"));
            Text(svg, tick.Label, TimelinePicture.Ink, "tick");
        }

        svg.Append("</g>\n<g class=\"marks\">\n");
        foreach (var mark in picture.Marks)
        {
            svg.Append(links
                ? $"<a class=\"mark\" href=\"#{EntryAnchor(mark.Entry)}\" data-entry=\"{mark.Entry}\">"
                : $"<g class=\"mark\" data-entry=\"{mark.Entry}\">");
            svg.Append("<title>").Append(Escape(mark.Title)).Append("</title>");
            Shape(svg, mark.X, mark.Y, mark.Radius, mark.Colour, mark.Differs);
            svg.Append(links ? "</a>\n" : "</g>\n");
        }

        svg.Append("</g>\n<g class=\"legend\">\n");
        foreach (var item in picture.Legend)
        {
            var s = item.Swatch;
            if (item.Differs)
            {
                Shape(svg, s.X + s.Width / 2, s.Y + s.Height / 2, s.Width / 2, -1, differs: true);
            }
            else
            {
                svg.Append(Invariant($"<rect x=\"{N(s.X)}\" y=\"{N(s.Y)}\" width=\"{N(s.Width)}\" height=\"{N(s.Height)}\" fill=\"{Colour(item.Colour)}\"/>"));
            }

            Text(svg, item.Label, TimelinePicture.Ink, "legend-item");
        }

        svg.Append("</g>\n");
        if (picture.More is { } more)
        {
            Text(svg, more, TimelinePicture.Muted, "more");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>A dot, or for differing sources a diamond outlined in the "differ" colour.</summary>
    private static void Shape(StringBuilder svg, float x, float y, float r, int colour, bool differs)
    {
        if (differs)
        {
            var d = r * 1.5f;
            svg.Append(Invariant($"<path class=\"differs\" d=\"M{N(x)} {N(y - d)}L{N(x + d)} {N(y)}L{N(x)} {N(y + d)}L{N(x - d)} {N(y)}Z\" fill=\"{(colour < 0 ? "#ffffff" : Colour(colour))}\" stroke=\"{TimelinePicture.DiffersColour}\" stroke-width=\"2\"/>"));
        }
        else
        {
            svg.Append(Invariant($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{Colour(colour)}\" stroke=\"#ffffff\" stroke-width=\"1\"/>"));
        }
    }

    private static void Text(StringBuilder svg, PictureText text, string fill, string kind, int? entry = null)
    {
        svg.Append(Invariant($"<text class=\"{kind}\" x=\"{N(text.X)}\" y=\"{N(text.Baseline)}\" font-size=\"{N(text.Size)}\" fill=\"{fill}\" textLength=\"{N(TextWidths.Measure(text.Text, text.Size))}\" lengthAdjust=\"spacingAndGlyphs\""));
        if (entry is { } e)
        {
            svg.Append(Invariant($" data-entry=\"{e}\""));
        }

        svg.Append('>').Append(Escape(text.Text)).Append("</text>\n");
    }

    public static string Colour(int index) => index < 0 ? TimelinePicture.DiffersColour : TimelinePicture.Palette[Math.Min(index, TimelinePicture.Palette.Count - 1)];

    // XML 1.0 allows no control characters but tab and line breaks; a document's text should hold none, and drops them if it does.
    private static string Escape(string text) =>
        SecurityElement.Escape(string.Concat(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')));

    private static string N(float value) => MathF.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
