namespace OpsBus.Contracts;

/// <summary>Scheduled event, sent by the orchestrator to itself: the backoff after a retryable failure is over; dispatch the next attempt.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt to dispatch.</param>
public sealed record RunRetryDue(Guid RunId, int Attempt);
