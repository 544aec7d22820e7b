namespace OpsBus.Contracts;

/// <summary>Event, from the worker owning an attempt: every step succeeded.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Timestamp">When it finished.</param>
public sealed record RunSucceeded(Guid RunId, int Attempt, string WorkerId, DateTime Timestamp);
