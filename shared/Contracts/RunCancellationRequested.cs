namespace OpsBus.Contracts;

/// <summary>Event, from the orchestrator to every worker instance: stop executing this attempt.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt to stop.</param>
/// <param name="Reason">Why.</param>
public sealed record RunCancellationRequested(Guid RunId, int Attempt, string? Reason);
