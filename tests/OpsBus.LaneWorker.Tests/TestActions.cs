using System.Collections.Concurrent;
using System.Text.Json;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Tests;

/// <summary>The inputs each <c>test.capture</c> step received after resolution, by step id.</summary>
internal sealed class CapturedInputs
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> _byStep = new();

    public IReadOnlyDictionary<string, JsonElement> this[string stepId] => _byStep[stepId];

    internal void Record(string stepId, IReadOnlyDictionary<string, JsonElement> inputs) => _byStep[stepId] = inputs;
}

/// <summary><c>test.capture</c>: records its inputs exactly as the action sees them.</summary>
internal sealed class CaptureAction(CapturedInputs captured) : IRunAction
{
    public string Name => "test.capture";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        captured.Record(step.Step.Id, step.Step.Inputs ?? new Dictionary<string, JsonElement>());
        return Task.CompletedTask;
    }
}

/// <summary><c>test.outputs</c>: sets every string input as an output of the same name.</summary>
internal sealed class OutputsAction : IRunAction
{
    public string Name => "test.outputs";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        foreach (var name in step.Step.Inputs?.Keys ?? [])
            step.SetOutput(name, step.RequireString(name));
        return Task.CompletedTask;
    }
}

/// <summary><c>test.throw</c>: throws an exception that is not a <see cref="StepFailedException"/>, with <c>message</c>.</summary>
internal sealed class ThrowAction : IRunAction
{
    public string Name => "test.throw";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(step.RequireString("message"));
}
