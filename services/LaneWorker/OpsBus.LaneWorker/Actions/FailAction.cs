namespace OpsBus.LaneWorker.Actions;

/// <summary><c>fail</c>: fails the step with <c>message</c>; <c>retryable</c> (default false) lets the orchestrator try again.</summary>
public sealed class FailAction : IRunAction
{
    public string Name => "fail";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var message = step.OptionalString("message") ?? "failed on purpose";
        var retryable = step.OptionalBoolean("retryable") ?? false;
        throw new StepFailedException(message, retryable);
    }
}
