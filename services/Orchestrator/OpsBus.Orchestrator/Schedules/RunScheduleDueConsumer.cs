using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>
/// Fires a schedule's tick: requests its run (idempotent per tick), then plans the next tick. Only the tick a schedule is
/// waiting for counts, and advancing it is guarded by optimistic concurrency, so a tick fires once even when two
/// orchestrators or a redelivery see it. A tick that comes late (everything was down) fires once, and the next one is
/// planned from now: missed ticks are not replayed.
/// </summary>
internal sealed partial class RunScheduleDueConsumer(
    OrchestratorDbContext db,
    ScheduledRuns runs,
    ScheduleTicks ticks,
    TimeProvider clock,
    ILogger<RunScheduleDueConsumer> logger) : IConsumer<RunScheduleDue>
{
    public async Task Consume(ConsumeContext<RunScheduleDue> context)
    {
        var due = context.Message;
        var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == due.ScheduleId, context.CancellationToken);
        if (schedule is null || !schedule.Enabled || schedule.Generation != due.Generation)
        {
            LogStale(due.ScheduleId, due.FireAt);
            return;
        }

        if (schedule.NextFireAt != due.FireAt)
        {
            // Already handled: make sure its next tick is planned, in case that was lost with a crash after the save.
            if (schedule.LastFiredAt == due.FireAt && schedule.NextFireAt is { } planned)
                await ticks.PlanAsync(schedule.Id, planned, schedule.Generation, context.CancellationToken);
            return;
        }

        var outcome = await runs.SubmitAsync(schedule, due.FireAt, context.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        schedule.LastFiredAt = due.FireAt;
        schedule.LastRunId = outcome.RunId;
        schedule.LastError = outcome.Error;
        schedule.NextFireAt = ScheduleTicks.NextAfter(schedule, due.FireAt > now ? due.FireAt : now);
        schedule.Version++;
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogRaced(schedule.Id, due.FireAt);
            return;
        }

        LogFired(schedule.Id, due.FireAt, outcome.RunId, outcome.Error, schedule.NextFireAt);
        if (schedule.NextFireAt is { } next)
            await ticks.PlanAsync(schedule.Id, next, schedule.Generation, context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Ignored a stale tick of schedule {ScheduleId} at {FireAt:O}")]
    partial void LogStale(Guid scheduleId, DateTime fireAt);

    [LoggerMessage(LogLevel.Debug, "Tick of schedule {ScheduleId} at {FireAt:O} was handled by another instance")]
    partial void LogRaced(Guid scheduleId, DateTime fireAt);

    [LoggerMessage(LogLevel.Information, "Schedule {ScheduleId} fired for {FireAt:O}: run {RunId} {Error}; next at {NextFireAt:O}")]
    partial void LogFired(Guid scheduleId, DateTime fireAt, Guid? runId, string? error, DateTime? nextFireAt);
}
