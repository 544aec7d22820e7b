using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

/// <summary>Plays the orchestrator's side of a claim: accepts or rejects, and can hold its answer back.</summary>
internal sealed class FakeOrchestrator
{
    private readonly ConcurrentQueue<ClaimRun> _claims = new();

    /// <summary>Whether claims are accepted (the default) or rejected.</summary>
    public bool Accepts { get; set; } = true;

    /// <summary>Awaited after a claim arrived and before it is answered.</summary>
    public Func<ClaimRun, Task>? BeforeAnswering { get; set; }

    public IReadOnlyCollection<ClaimRun> Claims => _claims;

    internal void Received(ClaimRun claim) => _claims.Enqueue(claim);
}

internal sealed class FakeOrchestratorConsumer(FakeOrchestrator orchestrator) : IConsumer<ClaimRun>
{
    public async Task Consume(ConsumeContext<ClaimRun> context)
    {
        var claim = context.Message;
        orchestrator.Received(claim);
        if (orchestrator.BeforeAnswering is { } hold)
            await hold(claim);

        if (orchestrator.Accepts)
            await context.RespondAsync(new RunClaimAccepted(claim.RunId, claim.Attempt, claim.WorkerId));
        else
            await context.RespondAsync(new RunClaimRejected(claim.RunId, claim.Attempt, claim.WorkerId, "rejected by the test"));
    }
}
