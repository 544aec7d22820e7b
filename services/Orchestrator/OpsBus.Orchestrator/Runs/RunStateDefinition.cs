using MassTransit;
using Microsoft.Extensions.Options;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// The run saga's endpoint: a concurrent update of one run (optimistic concurrency) is retried against fresh state,
/// and outgoing messages leave only after the new state is saved (in-memory outbox).
/// </summary>
public sealed class RunStateDefinition : SagaDefinition<RunState>
{
    private readonly OrchestratorOptions _options;

    public RunStateDefinition(IOptions<OrchestratorOptions> options)
    {
        _options = options.Value;
        EndpointName = "orchestrator-runs";
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<RunState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseSagaStoreRetryAndOutbox(context);
    }
}
