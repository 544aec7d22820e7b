namespace OpsBus.Contracts;

/// <summary>Event, from the worker owning an attempt, every heartbeat interval: still alive. Each one pushes the heartbeat timeout back.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Timestamp">When it was sent.</param>
public sealed record RunHeartbeat(Guid RunId, int Attempt, string WorkerId, DateTime Timestamp);
