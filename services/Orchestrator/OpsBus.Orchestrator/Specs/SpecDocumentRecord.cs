namespace OpsBus.Orchestrator.Specs;

/// <summary>A spec document as it is now (table <c>spec_documents</c>); every version it had is in <see cref="SpecDocumentVersionRecord"/>.</summary>
public sealed class SpecDocumentRecord
{
    /// <summary>e.g. <c>deploy-freeze/prd</c> (<see cref="SpecDocSlugs"/>).</summary>
    public string Slug { get; set; } = null!;

    public string Title { get; set; } = null!;

    /// <summary>The markdown of the latest version.</summary>
    public string Content { get; set; } = null!;

    /// <summary>The latest version: every change adds one, starting at 1. Also the concurrency token of an edit.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = null!;

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = null!;
}
