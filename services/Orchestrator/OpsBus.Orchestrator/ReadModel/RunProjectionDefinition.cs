using MassTransit;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.ReadModel;

public sealed class RunProjectionDefinition : ConsumerDefinition<RunProjection>
{
    public RunProjectionDefinition()
    {
        EndpointName = "orchestrator-run-projection";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RunProjection> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseOutageRetry();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
    }
}
