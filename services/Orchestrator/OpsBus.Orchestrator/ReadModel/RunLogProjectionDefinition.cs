using MassTransit;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Log lines are stored from their own endpoint, in batches of up to <see cref="MessageLimit"/> messages (about
/// 100 lines each) or whatever arrived within <see cref="TimeLimit"/>, one batch at a time. The endpoint takes as
/// many messages at once as a batch holds, so a batch can fill; the transport holds the rest (RabbitMQ's prefetch).
/// </summary>
public sealed class RunLogProjectionDefinition : ConsumerDefinition<RunLogProjection>
{
    public const int MessageLimit = 50;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    public RunLogProjectionDefinition()
    {
        EndpointName = "orchestrator-run-log-projection";
        ConcurrentMessageLimit = MessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RunLogProjection> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseOutageRetry();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(1));
    }
}
