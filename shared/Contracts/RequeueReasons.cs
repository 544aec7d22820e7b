namespace OpsBus.Contracts;

/// <summary>Why a run went from <c>claimed</c> or <c>running</c> back to <c>queued</c> (<see cref="RunStatusChanged.Reason"/>).</summary>
public static class RequeueReasons
{
    /// <summary>Its worker sent no heartbeat in time: presumed dead, the run goes to another worker.</summary>
    public const string WorkerLost = "worker_lost";

    /// <summary>Its worker handed it back as it stopped (no attempt spent).</summary>
    public const string Released = "released";

    /// <summary>The attempt failed for a reason worth retrying; the next attempt comes after a backoff.</summary>
    public const string Retry = "retry";
}
