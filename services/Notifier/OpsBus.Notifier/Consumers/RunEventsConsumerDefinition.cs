using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Consumers;

/// <summary>
/// One run's events are handled one at a time, in the order they arrive (a client sees queued before claimed), while
/// different runs go in parallel; a run waiting on the orchestrator holds up only its partition. As many messages are
/// taken at once as there are partitions, whatever the transport's default (the in-memory one takes one per core).
/// </summary>
public sealed class RunEventsConsumerDefinition : ConsumerDefinition<RunEventsConsumer>
{
    private const int Partitions = 16;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RunEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.ConcurrentMessageLimit = Partitions;
        var byRun = endpointConfigurator.CreatePartitioner(Partitions);
        endpointConfigurator.UsePartitioner<RunRequested>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunStepStarted>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunStepFinished>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunStatusChanged>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<RunLogAppended>(byRun, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<ArtifactStored>(byRun, c => c.Message.RunId);
    }
}
