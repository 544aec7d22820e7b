using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;
using OpsBus.Notifier.Hubs;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// Turns run events into hub messages for the connections that follow the run.
/// <para>
/// A status change is pushed from the event itself, which carries every field of the snapshot but the steps and the
/// retry link; those come from the <see cref="RunCache"/>, kept from the same events the orchestrator's read model is
/// built from. So the usual push waits on nothing: not on a request to the orchestrator (a round trip per change,
/// per instance, queued behind its saga work under load) and not on its read model, which may lag the event or, asked
/// later, already show the next status. Only when this instance does not know the run's steps (it started after the
/// run was requested, or forgot it) does it ask the orchestrator, waiting at most <see cref="NotifierOptions.SnapshotBudget"/>.
/// </para>
/// <para>Log lines go through the <see cref="RunLogCoalescer"/>: a burst of batches leaves as a few large messages.</para>
/// </summary>
public sealed class RunPusher(
    IHubContext<RunsHub> hub,
    RunSubscriptions subscriptions,
    RunCache cache,
    StatusOrder order,
    OrchestratorSnapshots snapshots,
    RunLogCoalescer logs,
    ILogger<RunPusher> logger)
{
    public async Task StatusChanged(RunStatusChanged message, CancellationToken cancellationToken)
    {
        cache.StatusChanged(message);
        var ready = order.Accept(message, out var held);
        if (held)
            _ = ReleaseAfterWindow(message.RunId);
        foreach (var change in ready)
            await Push(change, cancellationToken);
    }

    private async Task ReleaseAfterWindow(Guid runId)
    {
        try
        {
            await Task.Delay(order.Window);
            foreach (var change in order.Release(runId))
                await Push(change, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not push the held status changes of run {RunId}", runId);
        }
    }

    private async Task Push(RunStatusChanged message, CancellationToken cancellationToken)
    {
        var audiences = RunAudience.Of(message.RunId, message.RequestedBy, message.SessionId);
        if (subscriptions.ConnectionsOf(audiences).Count == 0)
            return;

        await snapshots.FillIn(message.RunId, stepsNeeded: true, cancellationToken);
        await Send(subscriptions.ConnectionsOf(audiences), RunsHub.RunUpdated, cache.Snapshot(message), cancellationToken);
    }

    public async Task LogAppended(RunLogAppended message, CancellationToken cancellationToken)
    {
        cache.LogAppended(message.RunId);
        if (message.Lines.Count == 0 || subscriptions.IsEmpty)
            return;

        await snapshots.FillIn(message.RunId, stepsNeeded: false, cancellationToken);
        await logs.Add(message.RunId, RunLogBatch.ItemsOf(message), PushLog, cancellationToken);
    }

    /// <summary>The followers are looked up when the lines leave, not when they arrived: a late subscriber gets them too.</summary>
    private Task PushLog(Guid runId, IReadOnlyList<RunLogItem> items, CancellationToken cancellationToken)
    {
        var (_, owner, sessionId) = cache.Identity(runId);
        return Send(subscriptions.ConnectionsOf(RunAudience.Of(runId, owner, sessionId)), RunsHub.RunLog, new RunLogBatch(runId, items), cancellationToken);
    }

    public async Task ArtifactStored(ArtifactStored message, CancellationToken cancellationToken)
    {
        cache.LogAppended(message.RunId);
        if (subscriptions.IsEmpty)
            return;

        await snapshots.FillIn(message.RunId, stepsNeeded: false, cancellationToken);
        var (_, owner, sessionId) = cache.Identity(message.RunId);
        await Send(subscriptions.ConnectionsOf(RunAudience.Of(message.RunId, owner, sessionId)), RunsHub.ArtifactAdded, message, cancellationToken);
    }

    private async Task Send(IReadOnlyList<string> connections, string method, object payload, CancellationToken cancellationToken)
    {
        if (connections.Count == 0)
            return;
        try
        {
            await hub.Clients.Clients(connections).SendAsync(method, payload, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not retried: the next runUpdated carries the whole run again, and log lines stay readable over the API.
            logger.LogWarning(exception, "Could not push {Method} to {Count} connections", method, connections.Count);
        }
    }
}
