using OpsBus.Contracts;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// What one notifier instance knows of a run beyond the status event itself: its owner and session, the run it retries,
/// and its steps. The steps follow the orchestrator's read model: the plan's steps start <c>pending</c>, step events
/// update them, and an event from an older attempt never overwrites a newer one.
/// </summary>
internal sealed class RunEntry(Guid runId)
{
    private List<StepState> _steps = [];

    public Guid RunId { get; } = runId;

    public bool OwnerKnown { get; private set; }

    public string? Owner { get; private set; }

    public string? SessionId { get; private set; }

    public Guid? RetryOf { get; private set; }

    /// <summary>The plan's steps are known (from <see cref="RunRequested"/> or the orchestrator's snapshot).</summary>
    public bool StepsKnown { get; private set; }

    /// <summary>The orchestrator was asked for this run's snapshot (and has not failed to answer).</summary>
    public bool SnapshotAsked { get; set; }

    public void Identify(string? owner, string? sessionId)
    {
        Owner = owner;
        SessionId = sessionId;
        OwnerKnown = true;
    }

    public void Requested(RunRequested message)
    {
        Identify(message.RequestedBy, message.SessionId);
        RetryOf = message.RetryOf;
        if (message.Plan is { } plan)
            Plan(plan.Steps.Select(s => (s.Id, s.Title, s.Phase, s.Action)));
    }

    public void StepStarted(RunStepStarted message)
    {
        var step = Step(message.StepId);
        if (step.Attempt > message.Attempt || (step.Attempt == message.Attempt && step.FinishedAt is not null))
            return;
        step.Status = "running";
        step.Attempt = message.Attempt;
        step.StartedAt = message.Timestamp;
        step.FinishedAt = null;
        step.Error = null;
        if (step.Phase.Length == 0)
            step.Phase = message.Phase;
    }

    public void StepFinished(RunStepFinished message)
    {
        var step = Step(message.StepId);
        if (step.Attempt > message.Attempt)
            return;
        step.Status = message.Status;
        step.Attempt = message.Attempt;
        step.FinishedAt = message.Timestamp;
        step.Error = message.Error;
    }

    /// <summary>Takes what the orchestrator knows and this instance does not: steps no step event reached here yet.</summary>
    public void Seed(RunSnapshot snapshot)
    {
        if (!OwnerKnown)
            Identify(snapshot.RequestedBy, snapshot.SessionId);
        RetryOf ??= snapshot.RetryOf;
        Plan(snapshot.Steps.Select(s => (s.Id, s.Title, s.Phase, s.Action)));
        foreach (var seeded in snapshot.Steps)
        {
            var step = Step(seeded.Id);
            if (step.Attempt > 0)
                continue;
            step.Status = seeded.Status;
            step.StartedAt = seeded.StartedAt;
            step.FinishedAt = seeded.FinishedAt;
            step.Error = seeded.Error;
        }
    }

    public IReadOnlyList<StepSnapshot> Steps() =>
        [.. _steps.Select(s => new StepSnapshot(s.Id, s.Title, s.Phase, s.Action, s.Status, s.StartedAt, s.FinishedAt, s.Error))];

    /// <summary>Orders the steps as the plan does (steps only events named stay after them) and fills in their titles.</summary>
    private void Plan(IEnumerable<(string Id, string Title, string Phase, string Action)> planned)
    {
        var ordered = new List<StepState>();
        foreach (var (id, title, phase, action) in planned)
        {
            var step = _steps.Find(s => s.Id == id) ?? new StepState(id);
            step.Title = title;
            step.Phase = phase;
            step.Action = action;
            if (!ordered.Contains(step))
                ordered.Add(step);
        }
        ordered.AddRange(_steps.Where(s => !ordered.Contains(s)));
        _steps = ordered;
        StepsKnown = true;
    }

    private StepState Step(string id)
    {
        var step = _steps.Find(s => s.Id == id);
        if (step is null)
            _steps.Add(step = new StepState(id));
        return step;
    }

    private sealed class StepState(string id)
    {
        public string Id { get; } = id;
        public string Title { get; set; } = "";
        public string Phase { get; set; } = "";
        public string Action { get; set; } = "";
        public string Status { get; set; } = "pending";

        /// <summary>The attempt of the last step event applied; 0 before any.</summary>
        public int Attempt { get; set; }

        public DateTime? StartedAt { get; set; }
        public DateTime? FinishedAt { get; set; }
        public string? Error { get; set; }
    }
}
