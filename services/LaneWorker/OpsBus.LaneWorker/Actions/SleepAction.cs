namespace OpsBus.LaneWorker.Actions;

/// <summary><c>sleep</c>: waits <c>seconds</c> (fractions allowed), stopping at once when the run is cancelled.</summary>
public sealed class SleepAction(TimeProvider clock) : IRunAction
{
    public string Name => "sleep";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var seconds = step.OptionalNumber("seconds") ?? throw new StepFailedException($"Step '{step.Step.Id}': input 'seconds' is required.", false);
        if (seconds is < 0 or > 86_400)
            throw new StepFailedException($"Step '{step.Step.Id}': 'seconds' must be between 0 and 86400.", false);
        step.Info($"sleeping {seconds:0.###} s");
        await Task.Delay(TimeSpan.FromSeconds(seconds), clock, cancellationToken);
    }
}
