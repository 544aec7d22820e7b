namespace OpsBus.Contracts;

/// <summary>
/// Command, to the orchestrator: an approver approves a run awaiting approval. Only counts when
/// <paramref name="PlanHash"/> is the run's plan hash (the approver saw exactly that plan) and the approver did not
/// request the run.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="DecidedBy">The approver.</param>
/// <param name="PlanHash">The plan hash the approver saw.</param>
/// <param name="Comment">Optional reason.</param>
/// <param name="Timestamp">When the decision was made.</param>
public sealed record ApproveRun(Guid RunId, string DecidedBy, string PlanHash, string? Comment, DateTime Timestamp);
