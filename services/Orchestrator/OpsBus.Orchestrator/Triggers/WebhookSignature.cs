using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>GitHub's <c>X-Hub-Signature-256</c>: an <see cref="HmacSignature"/> of the body under the webhook secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static string Sign(string secret, ReadOnlySpan<byte> body) => HmacSignature.Sign(secret, body);

    /// <summary>True when <paramref name="header"/> is the body's signature; compared in constant time.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header) => HmacSignature.IsValid(secret, body, header);
}
