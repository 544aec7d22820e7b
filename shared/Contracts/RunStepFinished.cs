namespace OpsBus.Contracts;

/// <summary>Event, from the worker: a step ended.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="StepId">The step's id in the plan.</param>
/// <param name="Status">One of <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, <c>skipped</c>.</param>
/// <param name="Error">The error when it failed.</param>
/// <param name="Timestamp">When it ended.</param>
public sealed record RunStepFinished(Guid RunId, int Attempt, string StepId, string Status, string? Error, DateTime Timestamp);
