namespace OpsBus.Orchestrator.ReadModel;

/// <summary>One step of a run as clients see it; written by <see cref="RunProjection"/>.</summary>
public sealed class RunStepRecord
{
    public Guid RunId { get; set; }

    public string StepId { get; set; } = null!;

    public int Ordinal { get; set; }

    public string Title { get; set; } = "";

    public string Phase { get; set; } = "";

    public string Action { get; set; } = "";

    /// <summary>pending, running, succeeded, failed, cancelled or skipped.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>The attempt that last wrote this row; older attempts never overwrite a newer one.</summary>
    public int Attempt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Error { get; set; }
}
