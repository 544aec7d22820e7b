namespace OpsBus.Contracts;

/// <summary>
/// Scheduled event, sent by the orchestrator to itself: no heartbeat arrived for the attempt within its timeout.
/// Durable across restarts; a stale one (for an attempt given up or a rescheduled token) is ignored.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt the timeout was scheduled for.</param>
public sealed record RunHeartbeatTimedOut(Guid RunId, int Attempt);
