using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>
/// How webhook receivers verify a body came from OpsBus: <c>X-OpsBus-Signature-256: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 of the raw body bytes keyed with the channel's secret (UTF-8), lower-case hex. Receivers should compare
/// in constant time and dedupe on <c>X-OpsBus-Delivery</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-OpsBus-Signature-256";
    public const string DeliveryHeader = "X-OpsBus-Delivery";
    public const string EventHeader = "X-OpsBus-Event";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A new secret for a webhook channel: 32 random bytes, hex.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
