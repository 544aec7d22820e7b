using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Execution;

/// <summary>The outputs of the steps of one run that succeeded so far, by step id.</summary>
public sealed class StepOutputs
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byStep = new(StringComparer.Ordinal);

    public void Record(string stepId, IReadOnlyDictionary<string, string> outputs) =>
        _byStep[stepId] = new Dictionary<string, string>(outputs, StringComparer.Ordinal);

    /// <summary>The referenced value, or a non-retryable failure of <paramref name="stepId"/> naming the reference.</summary>
    public string Resolve(StepReference reference, string stepId, string input)
    {
        if (!_byStep.TryGetValue(reference.StepId, out var outputs))
            throw new StepFailedException(
                $"Step '{stepId}': input '{input}' references {reference}, but step '{reference.StepId}' has not succeeded before it (unknown, skipped, failed or later in the plan).",
                retryable: false);
        if (!outputs.TryGetValue(reference.Output, out var value))
            throw new StepFailedException(
                $"Step '{stepId}': input '{input}' references {reference}, but step '{reference.StepId}' did not set output '{reference.Output}'"
                + (outputs.Count == 0 ? " (it set none)." : $" (it set {string.Join(", ", outputs.Keys.Order(StringComparer.Ordinal))})."),
                retryable: false);
        return value;
    }
}
