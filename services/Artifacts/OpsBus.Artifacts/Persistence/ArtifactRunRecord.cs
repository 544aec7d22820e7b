namespace OpsBus.Artifacts.Persistence;

/// <summary>A run this service has heard of (from <c>RunRequested</c>), and who owns it: all it needs to scope artifacts.</summary>
public sealed class ArtifactRunRecord
{
    public const int OwnerMaxLength = 256;

    public Guid RunId { get; set; }

    public string Owner { get; set; } = "";

    public DateTime RequestedAt { get; set; }
}
