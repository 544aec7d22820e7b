namespace OpsBus.Contracts;

/// <summary>Event, from the worker: a step began.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="StepId">The step's id in the plan.</param>
/// <param name="Phase">The step's phase.</param>
/// <param name="Timestamp">When it began.</param>
public sealed record RunStepStarted(Guid RunId, int Attempt, string StepId, string Phase, DateTime Timestamp);
