namespace OpsBus.Scheduling;

/// <summary>
/// A token that must not be scheduled again (table <c>scheduled_message_tombstones</c>): it was cancelled, possibly
/// before its <c>ScheduleMessage</c> arrived, or already sent, so a redelivered <c>ScheduleMessage</c> is ignored.
/// Purged after <see cref="DurableSchedulerOptions.TombstoneRetention" />.
/// </summary>
public sealed class ScheduledMessageTombstone
{
    public Guid TokenId { get; set; }

    public TombstoneReason Reason { get; set; }

    /// <summary>UTC.</summary>
    public DateTime RetiredAt { get; set; }
}

public enum TombstoneReason
{
    Cancelled,
    Sent,
}
