namespace OpsBus.Contracts;

/// <summary>
/// Command, to the run saga: make sure the current attempt's heartbeat timeout is pending, armed for one timeout after
/// its last sign of life. Sent by the orchestrator at start for every run in flight, so a timeout lost with a crashed
/// process (an in-memory transport) cannot leave a run <c>running</c> forever. Ignored by runs not in flight.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt the sender saw. When given, the check is ignored once the run is on another attempt.</param>
/// <param name="Status">The status the sender saw. When given, the check is ignored once the run has left it: what the
/// sender suspected (a timeout or a send lost) was about a state the run is no longer in.</param>
public sealed record CheckRunLiveness(Guid RunId, int? Attempt = null, string? Status = null);
