namespace OpsBus.LaneWorker.Actions;

/// <summary>An action a plan step can name. Register one with <c>services.AddRunAction&lt;T&gt;()</c>.</summary>
public interface IRunAction
{
    /// <summary>The name steps use, e.g. <c>echo</c>.</summary>
    string Name { get; }

    /// <summary>Runs the step. Throw <see cref="StepFailedException"/> to fail it; honour the token to be cancellable.</summary>
    Task ExecuteAsync(StepContext step, CancellationToken cancellationToken);
}
