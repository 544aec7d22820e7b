using OpsBus.LaneWorker.Actions;

namespace OpsBus.Embedded.Tests;

/// <summary>
/// <c>log.flood</c>, registered only by the tests: writes <c>count</c> lines as fast as the log takes them, the
/// <c>n</c>-th reading <see cref="Line"/>(n). A step that logs far faster than any real one.
/// </summary>
internal sealed class LogFloodAction : IRunAction
{
    public const string ActionName = "log.flood";

    public string Name => ActionName;

    public static string Line(int n) => $"flood line {n:D7}: the quick brown fox jumps over the lazy dog, again";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var count = step.OptionalNumber("count") is { } value && value >= 1 && value <= int.MaxValue && value == Math.Floor(value)
            ? (int)value
            : throw new StepFailedException($"Step '{step.Step.Id}': input 'count' must be a whole number of at least 1.", retryable: false);
        for (var n = 1; n <= count; n++)
        {
            if (n % 10_000 == 0)
                cancellationToken.ThrowIfCancellationRequested();
            step.Info(Line(n));
        }
        return Task.CompletedTask;
    }
}
