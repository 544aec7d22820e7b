namespace OpsBus.Orchestrator.Triggers;

/// <summary>A trigger rule (table <c>triggers</c>): which GitHub deliveries request a run of which template, with what.</summary>
public sealed class TriggerRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = null!;

    /// <summary><c>owner/name</c> or a glob of them (<see cref="TriggerGlob"/>).</summary>
    public string Repository { get; set; } = null!;

    /// <summary>One of <see cref="GitHubEvents.All"/>.</summary>
    public string Event { get; set; } = null!;

    /// <summary>The event's actions it matches, as a JSON array; empty for push.</summary>
    public string ActionsJson { get; set; } = "[]";

    /// <summary>Branch globs as a JSON array; empty matches every delivery, branch or not.</summary>
    public string BranchesJson { get; set; } = "[]";

    public string Template { get; set; } = null!;

    /// <summary>The parameter mapping as a JSON object (<see cref="ParameterMapping"/>).</summary>
    public string ParametersJson { get; set; } = "{}";

    public string? Environment { get; set; }

    public string? Lane { get; set; }

    public string? SessionId { get; set; }

    public bool Enabled { get; set; } = true;

    public string CreatedBy { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
