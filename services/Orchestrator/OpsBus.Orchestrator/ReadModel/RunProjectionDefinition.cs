using MassTransit;
using OpsBus.Contracts;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.ReadModel;

/// <summary>
/// Plans and step events are stored in batches, as log lines are (<see cref="RunLogProjectionDefinition"/>): per message
/// type, up to <see cref="MessageLimit"/> messages or whatever arrived within <see cref="TimeLimit"/>, one batch of a
/// type at a time. The endpoint takes as many messages at once as the batches of its <see cref="BatchedTypes"/> types
/// hold, so each can fill; the transport holds the rest (RabbitMQ's prefetch).
/// </summary>
public sealed class RunProjectionDefinition : ConsumerDefinition<RunProjection>
{
    public const int MessageLimit = 50;

    /// <summary><see cref="RunRequested"/>, <see cref="RunStepStarted"/> and <see cref="RunStepFinished"/>.</summary>
    public const int BatchedTypes = 3;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    public RunProjectionDefinition()
    {
        EndpointName = "orchestrator-run-projection";
        ConcurrentMessageLimit = BatchedTypes * MessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RunProjection> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseOutageRetry();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(1));
    }
}
