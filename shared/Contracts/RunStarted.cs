namespace OpsBus.Contracts;

/// <summary>Event, from the worker owning an attempt: it began executing the plan.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Timestamp">When it started.</param>
public sealed record RunStarted(Guid RunId, int Attempt, string WorkerId, DateTime Timestamp);
