using System.Security.Cryptography;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>
/// How webhook receivers verify a body came from OpsBus: <c>X-OpsBus-Signature-256: sha256=&lt;hex&gt;</c>, the
/// <see cref="HmacSignature"/> of the raw body bytes keyed with the channel's secret. Receivers should compare
/// in constant time and dedupe on <c>X-OpsBus-Delivery</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-OpsBus-Signature-256";
    public const string DeliveryHeader = "X-OpsBus-Delivery";
    public const string EventHeader = "X-OpsBus-Event";

    public static string Sign(string secret, byte[] body) => HmacSignature.Sign(secret, body);

    /// <summary>A new secret for a webhook channel: 32 random bytes, hex.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
