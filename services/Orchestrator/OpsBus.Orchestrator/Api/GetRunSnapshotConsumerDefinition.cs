using MassTransit;

namespace OpsBus.Orchestrator.Api;

public sealed class GetRunSnapshotConsumerDefinition : ConsumerDefinition<GetRunSnapshotConsumer>
{
    public GetRunSnapshotConsumerDefinition()
    {
        EndpointName = "orchestrator-run-snapshots";
    }
}
