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
    /// The body as a JSON document, or null when it is not UTF-8 or not JSON. System.Text.Json accepts invalid
    /// UTF-8 inside strings until they are read, so the bytes are checked first.
    /// </summary>
    public static JsonDocument? ParseJson(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
