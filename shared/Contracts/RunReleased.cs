namespace OpsBus.Contracts;

/// <summary>
/// Event, from a worker that is shutting down: it hands back an attempt it cannot finish.
/// The orchestrator requeues the run as a new attempt without counting it as a failure.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt handed back.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Reason">Why.</param>
public sealed record RunReleased(Guid RunId, int Attempt, string WorkerId, string Reason);
