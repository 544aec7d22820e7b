namespace OpsBus.Contracts;

/// <summary>Response to <see cref="ClaimRun"/>: the worker owns this attempt and must execute it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt the worker now owns.</param>
/// <param name="WorkerId">The worker whose claim won.</param>
public sealed record RunClaimAccepted(Guid RunId, int Attempt, string WorkerId);
