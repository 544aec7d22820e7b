using MassTransit;
using OpsBus.Orchestrator.Runs;

namespace OpsBus.Orchestrator.Telemetry;

/// <summary>
/// Counts every transition the run state machine makes (<c>opsbus.runs.transitions</c>), observed on the machine
/// itself so the lifecycle's definition carries no metric calls.
/// </summary>
internal sealed class RunTransitionMetrics(RunMetrics metrics) : IStateObserver<RunState>
{
    private const string InitialState = "Initial";

    public Task StateChanged(BehaviorContext<RunState> context, State currentState, State previousState)
    {
        // A new instance is put in Initial before its first event has filled it in: that is no transition of a run.
        if (currentState.Name != InitialState)
            metrics.Transitioned(StatusOf(previousState), RunStateMachine.StatusOf(currentState.Name), context.Saga.Lane);
        return Task.CompletedTask;
    }

    // Initial is where a run is before its first event: it had no status yet.
    private static string? StatusOf(State? state) =>
        state is null || state.Name == InitialState ? null : RunStateMachine.StatusOf(state.Name);
}
