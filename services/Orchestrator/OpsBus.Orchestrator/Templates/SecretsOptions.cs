using OpsBus.Runbooks.Secrets;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// The key that seals secret template parameters (<c>Secrets:Key</c>, <c>Secrets__Key</c> in compose): base64 of 32
/// random bytes, the same on the orchestrator, which seals, and the lane workers, which open.
/// </summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    /// <summary>Unset: templates with secret parameters cannot be run (the API says so).</summary>
    public string? Key { get; set; }

    /// <summary>The protector for <see cref="Key"/>, or null without one; throws when the key is not base64 of 32 bytes.</summary>
    public SecretProtector? CreateProtector() => string.IsNullOrWhiteSpace(Key) ? null : SecretProtector.FromBase64(Key);
}
