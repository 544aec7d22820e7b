namespace OpsBus.Contracts;

/// <summary>
/// Command, sent by the orchestrator to a lane queue (<c>lane-a</c>, ...): execute this attempt of a run.
/// A worker must claim it with <see cref="ClaimRun"/> and run the plan only when the claim is accepted.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt number, the fencing token for every later message about it.</param>
/// <param name="Plan">The plan to execute.</param>
/// <param name="Lane">The lane it was routed to.</param>
/// <param name="SessionId">The session, if any.</param>
/// <param name="HeartbeatIntervalSeconds">How often the worker must send <see cref="RunHeartbeat"/>.</param>
/// <param name="HeartbeatTimeoutSeconds">
/// After how long without a heartbeat the orchestrator gives the attempt up (0: not said). The worker stops the attempt
/// itself a little earlier when none of its heartbeats reached the broker, so two attempts never run at once.
/// </param>
public sealed record ExecuteRun(
    Guid RunId,
    int Attempt,
    RunPlan Plan,
    string Lane,
    string? SessionId,
    int HeartbeatIntervalSeconds,
    int HeartbeatTimeoutSeconds = 0);
