namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// One rule matched by one delivery (table <c>trigger_evaluations</c>): the run it requested, or why it requested none
/// (parameters the template refused, an archived session, …).
/// </summary>
public sealed class TriggerEvaluationRecord
{
    public Guid TriggerId { get; set; }

    public string DeliveryId { get; set; } = null!;

    public string Event { get; set; } = null!;

    public string? Action { get; set; }

    public string Repository { get; set; } = null!;

    public string? Ref { get; set; }

    public string? Sha { get; set; }

    public DateTime EvaluatedAt { get; set; }

    public Guid? RunId { get; set; }

    public string? Error { get; set; }
}
