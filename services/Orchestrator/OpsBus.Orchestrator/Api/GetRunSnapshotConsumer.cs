using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Api;

/// <summary>Answers <see cref="GetRunSnapshot"/> with the same snapshot as <c>GET /api/runs/{id}</c> (the Notifier pushes it as <c>runUpdated</c>).</summary>
public sealed class GetRunSnapshotConsumer(RunSnapshots snapshots) : IConsumer<GetRunSnapshot>
{
    public async Task Consume(ConsumeContext<GetRunSnapshot> context)
    {
        var snapshot = await snapshots.FindAsync(context.Message.RunId, context.CancellationToken);
        if (snapshot is null)
            await context.RespondAsync(new RunSnapshotNotFound(context.Message.RunId));
        else
            await context.RespondAsync(snapshot);
    }
}
