using System.Reflection;
using PakAzBot.Core.Timeline;
using SkiaSharp;

namespace PakAzBot.Drawing;

/// <summary>
/// Draws a <see cref="TimelinePicture"/> as a PNG with SkiaSharp, in the embedded DejaVu Sans (never a system font),
/// so the same timeline gives the same picture on every machine and in the container.
/// </summary>
public static class TimelinePng
{
    public const string ContentType = "image/png";

    private static readonly Lazy<SKTypeface> Font = new(() =>
    {
        using var stream = typeof(TimelinePng).Assembly.GetManifestResourceStream("PakAzBot.Drawing.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The font DejaVuSans.ttf is not embedded in PakAzBot.Drawing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("SkiaSharp could not read the embedded DejaVuSans.ttf.");
    });

    /// <summary>The embedded font, for tests that compare its widths with the layout's.</summary>
    internal static SKTypeface Typeface => Font.Value;

    /// <summary>Lays out and draws the entries.</summary>
    public static byte[] Render(IReadOnlyList<TimelineEntry> entries, TimelinePictureOptions? options = null, float scale = 1) =>
        Render(TimelineLayout.Compute(entries, options), scale);

    /// <summary>Draws a placed timeline; <paramref name="scale"/> multiplies its size in pixels (2 for sharp on high-density screens).</summary>
    public static byte[] Render(TimelinePicture picture, float scale = 1)
    {
        scale = Math.Clamp(scale, 0.25f, 4f);
        var info = new SKImageInfo((int)MathF.Ceiling(picture.Width * scale), (int)MathF.Ceiling(picture.Height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"SkiaSharp could not make a {info.Width}×{info.Height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);

        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var font = new SKFont(Font.Value) { Subpixel = true, Edging = SKFontEdging.Antialias };

        DrawText(canvas, font, fill, picture.Title, TimelinePicture.Ink);

        stroke.Color = Colour(TimelinePicture.Line);
        foreach (var label in picture.Labels)
        {
            canvas.DrawLine(label.LeaderX, label.LeaderTop, label.LeaderX, label.LeaderBottom, stroke);
        }

        foreach (var label in picture.Labels)
        {
            var box = label.Text.Box;
            var rect = SKRect.Create(box.X, box.Y, box.Width, box.Height);
            fill.Color = SKColors.White;
            canvas.DrawRoundRect(rect, 3, 3, fill);
            stroke.Color = Colour(TimelineSvg.Colour(label.Colour));
            canvas.DrawRoundRect(rect, 3, 3, stroke);
            DrawText(canvas, font, fill, label.Text, TimelinePicture.Ink);
        }

        stroke.Color = Colour(TimelinePicture.Ink);
        stroke.StrokeWidth = 1.5f;
        canvas.DrawLine(picture.AxisLeft, picture.AxisY, picture.AxisRight, picture.AxisY, stroke);
        stroke.StrokeWidth = 1;
        foreach (var tick in picture.Ticks)
        {
            canvas.DrawLine(tick.X, picture.AxisY, tick.X, picture.AxisY + 5, stroke);
            DrawText(canvas, font, fill, tick.Label, TimelinePicture.Ink);
        }

        foreach (var mark in picture.Marks)
        {
            DrawShape(canvas, fill, stroke, mark.X, mark.Y, mark.Radius, mark.Colour, mark.Differs);
        }

        foreach (var item in picture.Legend)
        {
            var s = item.Swatch;
            if (item.Differs)
            {
                DrawShape(canvas, fill, stroke, s.X + s.Width / 2, s.Y + s.Height / 2, s.Width / 2, -1, differs: true);
            }
            else
            {
                fill.Color = Colour(TimelineSvg.Colour(item.Colour));
                canvas.DrawRect(s.X, s.Y, s.Width, s.Height, fill);
            }

            DrawText(canvas, font, fill, item.Label, TimelinePicture.Ink);
        }

        if (picture.More is { } more)
        {
            DrawText(canvas, font, fill, more, TimelinePicture.Muted);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawShape(SKCanvas canvas, SKPaint fill, SKPaint stroke, float x, float y, float r, int colour, bool differs)
    {
        if (differs)
        {
            var d = r * 1.5f;
            using var builder = new SKPathBuilder();
            builder.MoveTo(x, y - d);
            builder.LineTo(x + d, y);
            builder.LineTo(x, y + d);
            builder.LineTo(x - d, y);
            builder.Close();
            using var path = builder.Detach();
            fill.Color = colour < 0 ? SKColors.White : Colour(TimelineSvg.Colour(colour));
            canvas.DrawPath(path, fill);
            stroke.Color = Colour(TimelinePicture.DiffersColour);
            stroke.StrokeWidth = 2;
            canvas.DrawPath(path, stroke);
            stroke.StrokeWidth = 1;
        }
        else
        {
            fill.Color = Colour(TimelineSvg.Colour(colour));
            canvas.DrawCircle(x, y, r, fill);
            stroke.Color = SKColors.White;
            canvas.DrawCircle(x, y, r, stroke);
        }
    }

    private static void DrawText(SKCanvas canvas, SKFont font, SKPaint fill, PictureText text, string colour)
    {
        font.Size = text.Size;
        fill.Color = Colour(colour);
        canvas.DrawText(text.Text, text.X, text.Baseline, SKTextAlign.Left, font, fill);
    }

    private static SKColor Colour(string hex) => SKColor.Parse(hex);
}
