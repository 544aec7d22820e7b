namespace OpsBus.Orchestrator.Templates;

/// <summary>One version of a template, never changed once written: runs name the version they were rendered from.</summary>
public sealed class TemplateVersionRecord
{
    public string Slug { get; set; } = null!;

    public int Version { get; set; }

    /// <summary>The <c>RunbookTemplate</c> as camelCase JSON (<c>TemplateJson.Options</c>).</summary>
    public string Definition { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = null!;
}
