using MassTransit;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>Deliveries on their own queue, retried on database hiccups (handling one again is safe).</summary>
internal sealed class GitHubDeliveryConsumerDefinition : ConsumerDefinition<GitHubDeliveryConsumer>
{
    public GitHubDeliveryConsumerDefinition()
    {
        EndpointName = "orchestrator-github-deliveries";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<GitHubDeliveryConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000, 5000, 15000));
    }
}
