using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// Asks the orchestrator for runs (<see cref="GetRunSnapshot"/> → <see cref="RunSnapshot"/> | <see cref="RunSnapshotNotFound"/>)
/// and keeps what it answers in the <see cref="RunCache"/>.
/// </summary>
public sealed class OrchestratorSnapshots(IBus bus, RunCache cache, IOptions<NotifierOptions> options, ILogger<OrchestratorSnapshots> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Fetch> _inFlight = [];
    private readonly Lazy<IRequestClient<GetRunSnapshot>> _client = new(() =>
        bus.CreateRequestClient<GetRunSnapshot>(RequestTimeout.After(ms: (int)options.Value.OrchestratorTimeout.TotalMilliseconds)));

    /// <summary>The run as the orchestrator has it, or null when it does not know the run.</summary>
    /// <exception cref="RequestException">The orchestrator did not answer within <see cref="NotifierOptions.OrchestratorTimeout"/>, or failed.</exception>
    public async Task<RunSnapshot?> Get(Guid runId, CancellationToken cancellationToken)
    {
        var response = await _client.Value.GetResponse<RunSnapshot, RunSnapshotNotFound>(new GetRunSnapshot(runId), cancellationToken);
        if (!response.Is(out Response<RunSnapshot>? found))
            return null;
        cache.Seed(found.Message);
        return found.Message;
    }

    /// <summary>
    /// Fills in what this instance lacks about a run (its steps, or only its owner) if the orchestrator answers within
    /// <see cref="NotifierOptions.SnapshotBudget"/> of the first question; a later answer still reaches the cache, for the
    /// next event. One question per run at a time; none once the run is known or was answered.
    /// </summary>
    public async Task FillIn(Guid runId, bool stepsNeeded, CancellationToken cancellationToken)
    {
        Fetch? fetch;
        var started = false;
        lock (_lock)
        {
            if (cache.Knows(runId, stepsNeeded))
                return;
            if (!_inFlight.TryGetValue(runId, out fetch))
            {
                if (!cache.TryMarkAsked(runId))
                    return;
                _inFlight[runId] = fetch = new Fetch(Stopwatch.GetTimestamp(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                started = true;
            }
        }

        if (started)
            _ = Ask(runId, fetch);

        var remaining = options.Value.SnapshotBudget - Stopwatch.GetElapsedTime(fetch.StartedAt);
        if (remaining > TimeSpan.Zero)
            await Task.WhenAny(fetch.Answered.Task, Task.Delay(remaining, cancellationToken));
    }

    private async Task Ask(Guid runId, Fetch fetch)
    {
        try
        {
            if (await Get(runId, CancellationToken.None) is null)
                logger.LogDebug("The orchestrator does not know run {RunId}", runId);
        }
        catch (Exception exception)
        {
            // Pushes go on without the snapshot; the next event about the run asks again.
            cache.ForgetAsked(runId);
            logger.LogWarning(exception, "No snapshot of run {RunId} from the orchestrator", runId);
        }
        finally
        {
            lock (_lock)
                _inFlight.Remove(runId);
            fetch.Answered.TrySetResult();
        }
    }

    private sealed record Fetch(long StartedAt, TaskCompletionSource Answered);
}
