using System.Security.Cryptography;
using System.Text;

namespace CompressionSafety.Notifications;

/// <summary>The body signature: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes.</summary>
public static class WebhookSignature
{
    /// <summary>Signs <paramref name="body"/> with <paramref name="secret"/> (UTF-8).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="body"/>, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? signature)
    {
        if (signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
