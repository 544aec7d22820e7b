namespace OpsBus.Contracts;

/// <summary>Event, from the worker owning an attempt: the plan failed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="Retryable">True when another attempt may succeed (retried with backoff while attempts are left).</param>
/// <param name="StepId">The failing step, if a step failed.</param>
/// <param name="Timestamp">When it failed.</param>
public sealed record RunFailed(Guid RunId, int Attempt, string WorkerId, string Error, bool Retryable, string? StepId, DateTime Timestamp);
