using MassTransit;

namespace OpsBus.SagaStore.Tests.Counters;

/// <summary>Configured as a host would, with a retry limit for 100 concurrent events aimed at one instance.</summary>
public sealed class CounterSagaDefinition : SagaDefinition<CounterSaga>
{
    readonly CounterHostOptions _options;
    readonly RetryLog _retries;

    public CounterSagaDefinition(CounterHostOptions options, RetryLog retries)
    {
        _options = options;
        _retries = retries;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CounterSaga> sagaConfigurator,
        IRegistrationContext context)
    {
        if (_options.MessageScopeOutsideRetry)
            endpointConfigurator.UseMessageScope(context);

        endpointConfigurator.UseSagaStoreRetryAndOutbox(context, r =>
        {
            r.Exponential(50, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(5));
            r.ConnectRetryObserver(_retries);
        });
    }
}
