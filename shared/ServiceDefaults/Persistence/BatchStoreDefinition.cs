using MassTransit;
using OpsBus.SagaStore;

namespace OpsBus.ServiceDefaults.Persistence;

/// <summary>
/// A consumer that stores what it consumes in batches: per message type, up to <see cref="MessageLimit"/> messages or
/// whatever arrived within <see cref="TimeLimit"/>, one batch of a type at a time, in one transaction. The endpoint
/// takes as many messages at once as the batches of its message types hold, so each batch can fill; the transport
/// holds the rest (RabbitMQ's prefetch). A batch that fails is retried whole, and waits out a database outage.
/// </summary>
public abstract class BatchStoreDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public const int MessageLimit = 50;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    /// <param name="endpointName">The consumer's own endpoint.</param>
    /// <param name="batchedTypes">How many message types <typeparamref name="TConsumer"/> consumes as batches.</param>
    protected BatchStoreDefinition(string endpointName, int batchedTypes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchedTypes, 1);
        EndpointName = endpointName;
        ConcurrentMessageLimit = batchedTypes * MessageLimit;
    }

    protected sealed override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseOutageRetry();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(1));
    }
}
