namespace OpsBus.LaneWorker.Actions;

/// <summary>A step failed; <see cref="Retryable"/> says whether another attempt of the run may succeed.</summary>
public sealed class StepFailedException(string message, bool retryable) : Exception(message)
{
    public bool Retryable { get; } = retryable;
}
