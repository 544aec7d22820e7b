using MassTransit;
using OpsBus.Orchestrator.Runs;

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
        endpointConfigurator.UseSagaConcurrencyRetry();
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
