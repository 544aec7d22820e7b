namespace OpsBus.Contracts;

/// <summary>Command, to the orchestrator: cancel this run, whatever its state.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Reason">Why, shown on the run.</param>
public sealed record CancelRun(Guid RunId, string? RequestedBy = null, string? Reason = null);
