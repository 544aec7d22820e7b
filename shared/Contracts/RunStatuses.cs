namespace OpsBus.Contracts;

/// <summary>The lifecycle states of a run as shown to clients (lower-case words).</summary>
public static class RunStatuses
{
    /// <summary>Waiting for an approver (risky runs).</summary>
    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>Accepted and waiting for a worker (or for its session-lane to free up).</summary>
    public const string Queued = "queued";

    /// <summary>A worker's claim on the current attempt was accepted.</summary>
    public const string Claimed = "claimed";

    /// <summary>The worker is executing the plan.</summary>
    public const string Running = "running";

    /// <summary>Cancel requested; waiting for the worker to stop.</summary>
    public const string Cancelling = "cancelling";

    /// <summary>Terminal: the plan succeeded.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Terminal: the plan failed and no attempt is left.</summary>
    public const string Failed = "failed";

    /// <summary>Terminal: the run was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Terminal: an approver rejected it, or nobody approved it in time.</summary>
    public const string Rejected = "rejected";

    /// <summary>True for succeeded, failed, cancelled and rejected.</summary>
    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled or Rejected;
}
