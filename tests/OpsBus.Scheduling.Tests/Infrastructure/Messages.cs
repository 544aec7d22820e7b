using MassTransit;

namespace OpsBus.Scheduling.Tests.Infrastructure;

public sealed record ReminderDue(Guid ReminderId, string Text);

public sealed class ReminderDueConsumer(Deliveries deliveries, HostName host) : IConsumer<ReminderDue>
{
    public Task Consume(ConsumeContext<ReminderDue> context)
    {
        deliveries.Record(context, host.Name);
        return Task.CompletedTask;
    }
}

public sealed record HostName(string Name);
