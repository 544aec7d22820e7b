using MassTransit;
using OpsBus.SagaStore;

namespace OpsBus.Orchestrator.SessionLanes;

/// <summary>Session-lane admissions contend on one row per session-lane: retried on conflict, messages sent after the save.</summary>
public sealed class SessionLaneStateDefinition : SagaDefinition<SessionLaneState>
{
    public SessionLaneStateDefinition()
    {
        EndpointName = "orchestrator-session-lanes";
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<SessionLaneState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseSagaStoreRetryAndOutbox(context);
    }
}
