namespace OpsBus.Artifacts.Persistence;

/// <summary>One artifact of a run: its metadata, and where its content is stored (a link has none, only its URL).</summary>
public sealed class ArtifactRecord
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    /// <summary>The owner of the run when the artifact was stored; null when the run was not known yet.</summary>
    public string? RunOwner { get; set; }

    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string? Sha256 { get; set; }

    public string? Url { get; set; }

    /// <summary>The key of the content in the storage; null for a link.</summary>
    public string? StorageKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
