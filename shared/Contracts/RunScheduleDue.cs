namespace OpsBus.Contracts;

/// <summary>
/// Scheduled by the orchestrator for a recurring schedule's next tick, through the durable scheduler. Stale ticks (the
/// schedule was edited, disabled or deleted, or the tick was already handled) are ignored.
/// </summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="FireAt">The tick this message is for (UTC).</param>
/// <param name="Generation">The schedule's generation when the tick was planned; an edit starts a new one.</param>
public sealed record RunScheduleDue(Guid ScheduleId, DateTime FireAt, int Generation);
