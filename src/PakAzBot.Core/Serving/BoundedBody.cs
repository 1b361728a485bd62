using System.Text.Json;

namespace PakAzBot.Core.Serving;

/// <summary>Reads a request body up to a size limit, so no surface buffers more than it is willing to parse.</summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is (or claims to be) longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The body as a JSON document, or null when it is not UTF-8, not JSON, or has a string that is not valid UTF-16.
    /// </summary>
    public static JsonDocument? ParseJson(byte[] body) => TryParseJson(body, out var document, out _) ? document : null;

    /// <summary>
    /// The body as a JSON document, or false with the reason, worded for the sender, when it is not UTF-8, not JSON,
    /// or has a string escape that is not valid UTF-16 (a lone surrogate such as "\ud800"). System.Text.Json accepts
    /// invalid UTF-8 inside strings, and lone surrogate escapes, until a string is read, so both are checked here and
    /// no later <c>GetString()</c> can throw.
    /// </summary>
    public static bool TryParseJson(byte[] body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonDocument? document, out string problem)
    {
        document = null;
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            problem = "The body is not valid UTF-8; send it as UTF-8 JSON.";
            return false;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            problem = "The body is not valid JSON.";
            return false;
        }

        if (!EscapesAreValidUtf16(body))
        {
            parsed.Dispose();
            problem = "The body has a string with a lone UTF-16 surrogate escape (such as \"\\ud800\"); escape whole surrogate pairs or send the characters as UTF-8.";
            return false;
        }

        document = parsed;
        problem = "";
        return true;
    }

    /// <summary>Whether every escaped string and property name decodes: an escaped lone surrogate does not.</summary>
    private static bool EscapesAreValidUtf16(byte[] body)
    {
        // Called on a body JsonDocument has parsed, so the reader meets no syntax error and no deeper nesting.
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
