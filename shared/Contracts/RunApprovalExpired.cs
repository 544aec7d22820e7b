namespace OpsBus.Contracts;

/// <summary>Scheduled by the orchestrator when a run starts awaiting approval; if nobody decided by then, it is rejected.</summary>
/// <param name="RunId">The run.</param>
public sealed record RunApprovalExpired(Guid RunId);
