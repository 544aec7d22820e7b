namespace OpsBus.Contracts;

/// <summary>
/// Request, from a worker to the run's saga: may I execute this attempt?
/// Answered with <see cref="RunClaimAccepted"/> or <see cref="RunClaimRejected"/>; exactly one claim is accepted per attempt.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt from <see cref="ExecuteRun"/>.</param>
/// <param name="WorkerId">The claiming worker.</param>
public sealed record ClaimRun(Guid RunId, int Attempt, string WorkerId);
