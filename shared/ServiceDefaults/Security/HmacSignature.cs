using System.Security.Cryptography;
using System.Text;

namespace OpsBus.ServiceDefaults.Security;

/// <summary>
/// The webhook signature both directions use: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body keyed
/// with a shared secret (UTF-8). GitHub signs what it sends us this way (<c>X-Hub-Signature-256</c>), and the notifier
/// signs what it sends to webhook channels the same way (<c>X-OpsBus-Signature-256</c>).
/// </summary>
public static class HmacSignature
{
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the body's signature under <paramref name="secret"/>; compared in constant time.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
            return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), given);
    }
}
