using Microsoft.Extensions.Options;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// The runs this instance has heard of, filled from the bus (<see cref="RunRequested"/>, <see cref="RunStatusChanged"/>,
/// step events) and from the orchestrator's snapshots, so that a push needs no request on the way. Bounded: past
/// <see cref="NotifierOptions.RunCacheCapacity"/> runs the least recently heard of is forgotten, and asked for again if it comes back.
/// </summary>
public sealed class RunCache(IOptions<NotifierOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, LinkedListNode<RunEntry>> _entries = [];
    private readonly LinkedList<RunEntry> _recency = [];
    private readonly Dictionary<Guid, TaskCompletionSource> _awaitedIdentities = [];

    public void Requested(RunRequested message)
    {
        lock (_lock)
        {
            Touch(message.RunId).Requested(message);
            Identified(message.RunId);
        }
    }

    public void StatusChanged(RunStatusChanged message)
    {
        lock (_lock)
        {
            Touch(message.RunId).Identify(message.RequestedBy, message.SessionId);
            Identified(message.RunId);
        }
    }

    public void StepStarted(RunStepStarted message)
    {
        lock (_lock)
            Touch(message.RunId).StepStarted(message);
    }

    public void StepFinished(RunStepFinished message)
    {
        lock (_lock)
            Touch(message.RunId).StepFinished(message);
    }

    public void Seed(RunSnapshot snapshot)
    {
        lock (_lock)
        {
            Touch(snapshot.Id).Seed(snapshot);
            Identified(snapshot.Id);
        }
    }

    /// <summary>Notes a log batch: keeps the run among the recently heard of.</summary>
    public void LogAppended(Guid runId)
    {
        lock (_lock)
            Touch(runId);
    }

    /// <summary>The owner and session, when known.</summary>
    public (bool Known, string? Owner, string? SessionId) Identity(Guid runId)
    {
        lock (_lock)
            return Find(runId) is { OwnerKnown: true } entry ? (true, entry.Owner, entry.SessionId) : (false, null, null);
    }

    /// <summary>Completes when the run's owner is known: at once if it is. Call <see cref="StopAwaitingIdentity"/> after.</summary>
    public Task IdentityKnown(Guid runId)
    {
        lock (_lock)
        {
            if (Find(runId) is { OwnerKnown: true })
                return Task.CompletedTask;
            if (!_awaitedIdentities.TryGetValue(runId, out var awaited))
                _awaitedIdentities[runId] = awaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return awaited.Task;
        }
    }

    public void StopAwaitingIdentity(Guid runId)
    {
        lock (_lock)
            _awaitedIdentities.Remove(runId);
    }

    /// <summary>Whether the run's steps (or, if <paramref name="stepsNeeded"/> is false, its owner) are known.</summary>
    public bool Knows(Guid runId, bool stepsNeeded)
    {
        lock (_lock)
            return Find(runId) is { } entry && (stepsNeeded ? entry.StepsKnown : entry.OwnerKnown);
    }

    /// <summary>Marks the run as asked of the orchestrator; false if it already was.</summary>
    public bool TryMarkAsked(Guid runId)
    {
        lock (_lock)
        {
            var entry = Touch(runId);
            if (entry.SnapshotAsked)
                return false;
            entry.SnapshotAsked = true;
            return true;
        }
    }

    /// <summary>The question went unanswered: the next event about the run may ask again.</summary>
    public void ForgetAsked(Guid runId)
    {
        lock (_lock)
        {
            if (Find(runId) is { } entry)
                entry.SnapshotAsked = false;
        }
    }

    /// <summary>The run as clients see it: the status event's fields with the steps and retry link known here.</summary>
    public RunSnapshot Snapshot(RunStatusChanged m)
    {
        lock (_lock)
        {
            var entry = Find(m.RunId);
            return new RunSnapshot(
                m.RunId, m.Status, m.Attempt, m.MaxAttempts, m.Lane, m.SessionId, m.Template, m.Environment, m.Priority, m.ClaimedBy,
                m.CreatedAt, m.ClaimedAt, m.StartedAt, m.HeartbeatAt, m.FinishedAt, m.Error, m.RequestedBy,
                entry?.RetryOf, entry?.Steps() ?? [], m.TemplateVersion, m.Parameters, m.PlanHash, m.Risk, m.RequiresApproval, m.Approval, m.Trigger);
        }
    }

    private void Identified(Guid runId)
    {
        if (_awaitedIdentities.Remove(runId, out var awaited))
            awaited.TrySetResult();
    }

    private RunEntry? Find(Guid runId) => _entries.TryGetValue(runId, out var node) ? node.Value : null;

    private RunEntry Touch(Guid runId)
    {
        if (_entries.TryGetValue(runId, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }

        _entries[runId] = node = _recency.AddFirst(new RunEntry(runId));
        while (_entries.Count > options.Value.RunCacheCapacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.RunId);
        }
        return node.Value;
    }
}
