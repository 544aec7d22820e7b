using MassTransit;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.Specs;

public sealed class SpecDocumentsGeneratedConsumerDefinition : ConsumerDefinition<SpecDocumentsGeneratedConsumer>
{
    public SpecDocumentsGeneratedConsumerDefinition()
    {
        EndpointName = "orchestrator-spec-documents";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SpecDocumentsGeneratedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseOutageRetry();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
    }
}
