namespace OpsBus.Gateway.ApiKeys;

/// <summary>One API key as stored: who it speaks for and its hash, never the key itself.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    /// <summary>The caller's name: the owner recorded on the runs this key requests.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ServiceDefaults.Security.OpsBusRoles"/>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The key's public part, to find its row without scanning every hash.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The key's PBKDF2 hash with its salt and iteration count (see <see cref="ApiKeyHasher"/>).</summary>
    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>The caller who created the key, or <c>bootstrap</c>.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime? RevokedAt { get; set; }
}
