using MassTransit;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>Statuses on their own queue, retried with backoff when GitHub fails or limits the rate.</summary>
internal sealed class CommitStatusReporterDefinition : ConsumerDefinition<CommitStatusReporter>
{
    public CommitStatusReporterDefinition()
    {
        EndpointName = "orchestrator-github-statuses";
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CommitStatusReporter> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000, 15000, 60000));
    }
}
