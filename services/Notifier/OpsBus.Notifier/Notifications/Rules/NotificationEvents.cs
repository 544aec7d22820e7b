using OpsBus.Contracts;

namespace OpsBus.Notifier.Notifications.Rules;

/// <summary>The run events a channel can be notified of, and which status change is which.</summary>
public static class NotificationEvents
{
    public const string Failed = "failed";

    public const string Succeeded = "succeeded";

    public const string Cancelled = "cancelled";

    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>A run whose worker went away mid-attempt, put back in the queue for another attempt.</summary>
    public const string Recovered = "recovered";

    public static IReadOnlyList<string> All { get; } = [Failed, Succeeded, Cancelled, AwaitingApproval, Recovered];

    /// <summary>
    /// The event a status change is, or null when it is none of them. The orchestrator requeues a claimed or running
    /// run when its worker is lost (no heartbeat in time), when the worker hands it back as it stops, and when an attempt
    /// failed for a retryable reason: each takes the run from <c>claimed</c>/<c>running</c> back to <c>queued</c>, and
    /// each is the run recovering from losing its attempt's worker.
    /// </summary>
    public static string? Classify(RunStatusChanged change) => change.Status switch
    {
        RunStatuses.Failed => Failed,
        RunStatuses.Succeeded => Succeeded,
        RunStatuses.Cancelled => Cancelled,
        RunStatuses.AwaitingApproval => AwaitingApproval,
        RunStatuses.Queued when change.PreviousStatus is RunStatuses.Claimed or RunStatuses.Running => Recovered,
        _ => null,
    };

    /// <summary>One key per event of a run, however many bus messages carry it (producers that do not number changes: their timestamp).</summary>
    public static string KeyOf(RunStatusChanged change, string notificationEvent) =>
        $"{change.RunId:N}:{(change.Sequence > 0 ? change.Sequence : change.Timestamp.Ticks)}:{notificationEvent}";
}
