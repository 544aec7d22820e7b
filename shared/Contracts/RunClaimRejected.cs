namespace OpsBus.Contracts;

/// <summary>Response to <see cref="ClaimRun"/>: do not execute (already claimed, stale attempt, cancelled or finished).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt that was asked for.</param>
/// <param name="WorkerId">The worker that asked.</param>
/// <param name="Reason">Why, for logs.</param>
public sealed record RunClaimRejected(Guid RunId, int Attempt, string WorkerId, string Reason);
