namespace OpsBus.LaneWorker.Actions;

/// <summary><c>echo</c>: logs <c>message</c>.</summary>
public sealed class EchoAction : IRunAction
{
    public string Name => "echo";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        step.Info(step.RequireString("message"));
        return Task.CompletedTask;
    }
}
