using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

/// <summary>Plays the orchestrator's side of <see cref="GetRunSnapshot"/>: answers from the runs it was told of, or stays silent.</summary>
internal sealed class FakeOrchestrator
{
    private readonly ConcurrentDictionary<Guid, RunSnapshot> _runs = new();
    private readonly ConcurrentQueue<Guid> _requests = new();

    /// <summary>When true, requests are never answered (the orchestrator is down or overloaded).</summary>
    public bool Silent { get; set; }

    public IReadOnlyCollection<Guid> Requests => _requests;

    public void Knows(RunSnapshot run) => _runs[run.Id] = run;

    internal RunSnapshot? Received(GetRunSnapshot request)
    {
        _requests.Enqueue(request.RunId);
        return _runs.GetValueOrDefault(request.RunId);
    }
}

internal sealed class FakeOrchestratorConsumer(FakeOrchestrator orchestrator) : IConsumer<GetRunSnapshot>
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
