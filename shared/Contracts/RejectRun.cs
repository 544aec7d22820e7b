namespace OpsBus.Contracts;

/// <summary>Command, to the orchestrator: an approver rejects a run awaiting approval; it ends as rejected.</summary>
/// <param name="RunId">The run.</param>
/// <param name="DecidedBy">The approver.</param>
/// <param name="Comment">Optional reason.</param>
/// <param name="Timestamp">When the decision was made.</param>
public sealed record RejectRun(Guid RunId, string DecidedBy, string? Comment, DateTime Timestamp);
