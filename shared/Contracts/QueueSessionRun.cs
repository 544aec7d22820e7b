namespace OpsBus.Contracts;

/// <summary>
/// Command, from a run's saga to its session-lane: queue this run behind the lane's active run.
/// Within one session-lane one run is active at a time; the rest wait by priority, then first come first served.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Lane">The lane within the session.</param>
/// <param name="Priority">Higher is admitted first.</param>
/// <param name="RequestedAt">When the run was requested; equal priorities are admitted in this order.</param>
public sealed record QueueSessionRun(Guid RunId, string SessionId, string Lane, int Priority, DateTime RequestedAt);
