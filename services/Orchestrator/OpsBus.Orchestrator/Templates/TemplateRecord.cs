namespace OpsBus.Orchestrator.Templates;

/// <summary>A stored runbook template: its slug and which of its versions is current. The definitions are in <see cref="TemplateVersionRecord"/>.</summary>
public sealed class TemplateRecord
{
    public string Slug { get; set; } = null!;

    /// <summary>The latest version: every change adds one, starting at 1.</summary>
    public int CurrentVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string CreatedBy { get; set; } = null!;

    public string UpdatedBy { get; set; } = null!;
}
