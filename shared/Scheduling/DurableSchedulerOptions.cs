namespace OpsBus.Scheduling;

public sealed class DurableSchedulerOptions
{
    /// <summary>Longest sleep of the dispatcher: how soon rows stored by another instance are noticed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed row stays reserved to one dispatcher; after a crash another one re-sends it then.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before a row whose send failed is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most rows read per claim round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Written to <c>lock_owner</c>; unique per process so two instances never share a claim.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long cancelled and sent tokens are remembered.</summary>
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Receive endpoint of the <c>ScheduleMessage</c> and <c>CancelScheduledMessage</c> consumers.</summary>
    public string EndpointName { get; set; } = "scheduler";

    internal IEnumerable<string> Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
            yield return $"{nameof(PollInterval)} must be positive.";
        if (LockDuration <= TimeSpan.Zero)
            yield return $"{nameof(LockDuration)} must be positive.";
        if (RetryDelay <= TimeSpan.Zero)
            yield return $"{nameof(RetryDelay)} must be positive.";
        if (BatchSize <= 0)
            yield return $"{nameof(BatchSize)} must be positive.";
        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > ScheduledMessagesModel.LockOwnerMaxLength)
            yield return $"{nameof(InstanceId)} must be 1 to {ScheduledMessagesModel.LockOwnerMaxLength} characters.";
        if (TombstoneRetention <= TimeSpan.Zero)
            yield return $"{nameof(TombstoneRetention)} must be positive.";
        if (string.IsNullOrWhiteSpace(EndpointName))
            yield return $"{nameof(EndpointName)} is required.";
    }
}
