using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsBus.ServiceDefaults.Security;

/// <summary>
/// How services behind the gateway learn who the caller is: the gateway authenticates the API key, then forwards
/// the caller's name and roles in headers signed with a secret shared only among the services (HMAC-SHA256 over
/// name, roles and time). A request without a valid signature is not authenticated.
/// </summary>
public static class InternalCaller
{
    public const string Scheme = "OpsBusInternal";
    public const string NameHeader = "X-OpsBus-Caller";
    public const string RolesHeader = "X-OpsBus-Roles";
    public const string TimestampHeader = "X-OpsBus-Timestamp";
    public const string SignatureHeader = "X-OpsBus-Signature";

    /// <summary>How old a signature may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string name, string roles, long unixSeconds)
    {
        var payload = Encoding.UTF8.GetBytes($"{name}\n{roles}\n{unixSeconds.ToString(CultureInfo.InvariantCulture)}");
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    public static bool Verify(string secret, string name, string roles, string timestamp, string signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
            return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Duration() > MaxAge)
            return false;
        var expected = Convert.FromHexString(Sign(secret, name, roles, unixSeconds));
        byte[] actual;
        try
        {
            actual = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
