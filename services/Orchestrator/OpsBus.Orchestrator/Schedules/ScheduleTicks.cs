using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Schedules;

/// <summary>Plans schedule ticks through the bus's message scheduler: the durable one, like heartbeat timeouts.</summary>
internal sealed class ScheduleTicks(IMessageScheduler scheduler, TimeProvider clock)
{
    public async Task PlanAsync(Guid scheduleId, DateTime fireAt, int generation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await scheduler.SchedulePublish(fireAt > now ? fireAt : now, new RunScheduleDue(scheduleId, fireAt, generation), cancellationToken);
    }

    /// <summary>The schedule's next tick after <paramref name="after"/>, or null when disabled or there is none.</summary>
    public static DateTime? NextAfter(RunScheduleRecord schedule, DateTime after) =>
        schedule.Enabled && CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var cron, out _, out _)
            ? cron!.Next(after)
            : null;
}
