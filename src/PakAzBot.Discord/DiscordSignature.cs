using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace PakAzBot.Discord;

/// <summary>
/// Checks the Ed25519 signature Discord puts on every interaction request: the signature in X-Signature-Ed25519 is
/// over the X-Signature-Timestamp bytes followed by the raw body ("Security and Authorization" in Discord's
/// interactions documentation). Stale timestamps are refused too, so a captured request cannot be replayed later.
/// </summary>
public sealed class DiscordSignature
{
    private readonly PublicKey _key;
    private readonly TimeSpan _maxSkew;
    private readonly TimeProvider _clock;

    public DiscordSignature(string publicKeyHex, TimeSpan maxSkew, TimeProvider clock)
    {
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
        _maxSkew = maxSkew;
        _clock = clock;
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || signatureHex.Length != 128 || string.IsNullOrEmpty(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((_clock.GetUtcNow() - signedAt).Duration() > _maxSkew)
        {
            return false;
        }

        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[stamp.Length + body.Length];
        stamp.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(stamp.Length));
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
    }
}
