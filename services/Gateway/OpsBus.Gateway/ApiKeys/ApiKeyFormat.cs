using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Gateway.ApiKeys;

/// <summary>
/// Keys look like <c>opsbus_&lt;prefix&gt;_&lt;secret&gt;</c>: a public prefix that finds the key's row and 32 random
/// bytes (base64url) that prove it. A bootstrap key configured in another shape gets a prefix derived from its hash.
/// </summary>
public static class ApiKeyFormat
{
    private const string Marker = "opsbus_";
    private const int PrefixBytes = 6;
    private const int SecretBytes = 32;

    /// <summary>Shorter keys are refused outright, configured ones included.</summary>
    public const int MinimumLength = 16;

    public static string Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        return $"{Marker}{prefix}_{secret}";
    }

    /// <summary>The prefix the key's row is stored under, or <c>null</c> for something that cannot be a key.</summary>
    public static string? LookupPrefix(string key)
    {
        if (key.Length < MinimumLength || key.Length > 512)
            return null;
        if (key.StartsWith(Marker, StringComparison.Ordinal))
        {
            var end = key.IndexOf('_', Marker.Length);
            var prefix = end > Marker.Length ? key[Marker.Length..end] : "";
            if (prefix.Length is > 0 and <= 24 && prefix.All(char.IsAsciiLetterOrDigit))
                return prefix;
        }
        return "x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..15];
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
