using MassTransit;

namespace OpsBus.Notifier.Notifications;

/// <summary>
/// One durable queue shared by every notifier instance (competing consumers), unlike the hub's per-instance temporary
/// queues: each status change is turned into deliveries once. A database hiccup is retried before the message faults.
/// </summary>
public sealed class RunNotificationsConsumerDefinition : ConsumerDefinition<RunNotificationsConsumer>
{
    public const string QueueName = "notifier-notifications";

    public RunNotificationsConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RunNotificationsConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(100, 500, 2_000, 5_000));
}
