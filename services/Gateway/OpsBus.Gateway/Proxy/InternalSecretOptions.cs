using System.ComponentModel.DataAnnotations;

namespace OpsBus.Gateway.Proxy;

/// <summary>The secret the gateway signs forwarded callers with; bound from the <c>OpsBus</c> section (<c>OpsBus__InternalSecret</c>).</summary>
public sealed class InternalSecretOptions
{
    public const string SectionName = "OpsBus";

    /// <summary>Shared only by the gateway and the services behind it; at least 16 characters.</summary>
    [Required]
    [MinLength(16)]
    public string? InternalSecret { get; set; }
}
