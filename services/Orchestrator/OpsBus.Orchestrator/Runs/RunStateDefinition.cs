using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
        endpointConfigurator.UseSagaConcurrencyRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}

public static class SagaEndpointConfiguratorExtensions
{
    /// <summary>Retries a message whose saga row was changed by someone else meanwhile (or inserted twice at once).</summary>
    public static void UseSagaConcurrencyRetry(this IReceiveEndpointConfigurator endpointConfigurator) =>
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbUpdateException>();
            r.Handle<MassTransit.SagaException>();
            r.Intervals(5, 10, 20, 50, 100, 100, 200, 200, 500, 500, 1000, 1000);
        });
}
