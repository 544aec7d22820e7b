using MassTransit;
using OpsBus.Orchestrator.Runs;

namespace OpsBus.Orchestrator.Telemetry;

/// <summary>
/// Counts every transition the run state machine makes (<c>opsbus.runs.transitions</c>), observed on the machine
/// itself so the lifecycle's definition carries no metric calls.
/// </summary>
internal sealed class RunTransitionMetrics(RunMetrics metrics) : IStateObserver<RunState>
{
    public Task StateChanged(BehaviorContext<RunState> context, State currentState, State previousState)
    {
        metrics.Transitioned(StatusOf(previousState), StatusOf(currentState)!, context.Saga.Lane);
        return Task.CompletedTask;
    }

    // Initial is where a run is before its first event: it had no status yet.
    private static string? StatusOf(State? state) =>
        state is null || state.Name == "Initial" ? null : RunStateMachine.StatusOf(state.Name);
}
