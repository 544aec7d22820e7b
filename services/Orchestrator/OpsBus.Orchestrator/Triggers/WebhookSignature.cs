using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the body under the webhook secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the body's signature; compared in constant time.</summary>
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
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
