using System.ComponentModel.DataAnnotations;

namespace OpsBus.Notifier;

/// <summary>How a notifier instance follows runs. Bound from the <c>Notifier</c> section.</summary>
public sealed class NotifierOptions
{
    public const string SectionName = "Notifier";

    /// <summary>This instance's name in its own temporary queue; defaults to host name and process id.</summary>
    [Required]
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// How long a push may wait for the orchestrator's snapshot when this instance does not know a run's steps or owner yet;
    /// past it the push goes out with what the event carries. Part of the 250 ms status-change-to-client budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan SnapshotBudget { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a request to the orchestrator may take (authorizing a subscription, a late snapshot).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan OrchestratorTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a subscription to a run neither this instance nor the orchestrator knows waits for the run to appear on
    /// the bus before it is refused: a client may subscribe the moment its request was accepted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan UnknownRunGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs remembered (owner, session, steps); the least recently heard of is forgotten first.</summary>
    [Range(100, 1_000_000)]
    public int RunCacheCapacity { get; set; } = 10_000;

    /// <summary>
    /// How long a status change that overtook an earlier one of its run is held for the earlier one to arrive; past it,
    /// it goes out anyway (the earlier one was lost, or this instance started after it).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Outbound notifications, for hosts that call <c>AddNotifications()</c>.</summary>
    public Notifications.NotificationsOptions Notifications { get; set; } = new();

    /// <summary>
    /// How long a run's log batches arriving after a push are held to go out together as one <c>runLog</c> message; the
    /// first batch after a quiet spell goes out at once. Zero pushes every batch as it comes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan LogCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A run's held log lines go out as soon as there are this many, whatever is left of the window.</summary>
    [Range(1, 10_000)]
    public int LogCoalesceMaxLines { get; set; } = 1000;
}
