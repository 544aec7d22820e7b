namespace OpsBus.Contracts;

/// <summary>Request, to the orchestrator: the current snapshot of a run. Answered with <see cref="RunSnapshot"/> or <see cref="RunSnapshotNotFound"/>.</summary>
/// <param name="RunId">The run.</param>
public sealed record GetRunSnapshot(Guid RunId);
