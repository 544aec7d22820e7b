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
    /// The event a status change is, or null when it is none of them. A run is <see cref="Recovered"/> when the
    /// orchestrator requeued it because its worker was lost (no heartbeat in time), not when the worker handed it back
    /// as it stopped nor when an attempt failed for a retryable reason.
    /// </summary>
    public static string? Classify(RunStatusChanged change) => change.Status switch
    {
        RunStatuses.Failed => Failed,
        RunStatuses.Succeeded => Succeeded,
        RunStatuses.Cancelled => Cancelled,
        RunStatuses.AwaitingApproval => AwaitingApproval,
        RunStatuses.Queued when change.Reason == RequeueReasons.WorkerLost => Recovered,
        _ => null,
    };

    /// <summary>One key per event of a run, however many bus messages carry it (producers that do not number changes: their timestamp).</summary>
    public static string KeyOf(RunStatusChanged change, string notificationEvent) =>
        $"{change.RunId:N}:{(change.Sequence > 0 ? change.Sequence : change.Timestamp.Ticks)}:{notificationEvent}";
}
