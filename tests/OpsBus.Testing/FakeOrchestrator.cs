using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Testing;

/// <summary>
/// Plays the orchestrator's side of <see cref="GetRunSnapshot"/> for a service that asks it (the notifier, the artifacts
/// service): answers from the runs it was told of, or stays silent. Register <see cref="FakeOrchestratorConsumer"/> with it.
/// </summary>
public sealed class FakeOrchestrator
{
    private readonly ConcurrentDictionary<Guid, RunSnapshot> _runs = new();
    private readonly ConcurrentQueue<Guid> _requests = new();

    /// <summary>When true, requests are never answered (the orchestrator is down or overloaded).</summary>
    public bool Silent { get; set; }

    public IReadOnlyCollection<Guid> Requests => _requests;

    public void Knows(RunSnapshot run) => _runs[run.Id] = run;

    /// <summary>Knows a run just accepted, requested by <paramref name="owner"/>: queued, no attempt, no steps.</summary>
    public void KnowsAccepted(Guid runId, string? owner) =>
        Knows(new RunSnapshot(runId, RunStatuses.Queued, 0, 3, "a", null, null, null, 0, null, DateTime.UtcNow, null, null, null, null, null, owner, null, []));

    public RunSnapshot? Received(GetRunSnapshot request)
    {
        _requests.Enqueue(request.RunId);
        return _runs.GetValueOrDefault(request.RunId);
    }
}

public sealed class FakeOrchestratorConsumer(FakeOrchestrator orchestrator) : IConsumer<GetRunSnapshot>
{
    public async Task Consume(ConsumeContext<GetRunSnapshot> context)
    {
        var run = orchestrator.Received(context.Message);
        if (orchestrator.Silent)
            return;
        if (run is null)
            await context.RespondAsync(new RunSnapshotNotFound(context.Message.RunId));
        else
            await context.RespondAsync(run);
    }
}
