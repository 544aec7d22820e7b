namespace OpsBus.Orchestrator.Specs;

/// <summary>One version of a spec document, never changed once written (table <c>spec_document_versions</c>).</summary>
public sealed class SpecDocumentVersionRecord
{
    public string Slug { get; set; } = null!;

    public int Version { get; set; }

    public string Title { get; set; } = null!;

    public string Content { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    /// <summary>The user who saved it, or <c>run:&lt;id&gt;</c> for a generated one.</summary>
    public string CreatedBy { get; set; } = null!;
}
