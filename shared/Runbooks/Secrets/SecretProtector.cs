using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Runbooks.Secrets;

/// <summary>
/// Seals secret parameter values so a run can carry them without storing them in clear:
/// AES-256-GCM with a key shared by the edge (which seals) and the lane workers (which open).
/// A sealed value reads <c>v1:&lt;base64 nonce|ciphertext|tag&gt;</c>.
/// </summary>
public sealed class SecretProtector
{
    /// <summary>The configuration key of the shared secrets key (base64 of 32 bytes): <c>Secrets__Key</c> in the environment.</summary>
    public const string KeySetting = "Secrets:Key";

    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
            throw new ArgumentException("The secrets key must be 32 bytes (base64 of 32 random bytes).", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>Reads a base64 key as configured (<c>Secrets:Key</c>).</summary>
    public static SecretProtector FromBase64(string base64Key)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The secrets key must be base64 of 32 random bytes.", nameof(base64Key));
        }

        return new SecretProtector(key);
    }

    /// <summary>A new random key, base64, for configuration.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + plain.Length + TagSize];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize, plain.Length), buffer.AsSpan(NonceSize + plain.Length, TagSize));
        return Prefix + Convert.ToBase64String(buffer);
    }

    /// <summary>Opens a sealed value; false when it is not one of ours or was tampered with.</summary>
    public bool TryOpen(string sealedValue, out string plaintext)
    {
        plaintext = string.Empty;
        if (!IsSealed(sealedValue))
            return false;
        byte[] buffer;
        try
        {
            buffer = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (buffer.Length < NonceSize + TagSize)
            return false;
        var cipherLength = buffer.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize, cipherLength), buffer.AsSpan(NonceSize + cipherLength, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plaintext = Encoding.UTF8.GetString(plain);
        return true;
    }
}
