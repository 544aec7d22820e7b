using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Gateway.ApiKeys;

/// <summary>
/// Stores keys as <c>pbkdf2-sha256$iterations$salt$hash</c>: salted, slow to guess, and self-describing so the
/// parameters can change without invalidating existing keys. Verification compares in constant time.
/// </summary>
public static class ApiKeyHasher
{
    private const string Algorithm = "pbkdf2-sha256";
    private const int Iterations = 20_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(key, salt, Iterations);
        return string.Join('$', Algorithm, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string key, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
            return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        return CryptographicOperations.FixedTimeEquals(Derive(key, salt, iterations), expected);
    }

    private static byte[] Derive(string key, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
