namespace OpsBus.LoadTest;

/// <summary>What the load tool saw of one run, in its own clock (Stopwatch ticks converted to ms).</summary>
internal sealed class RunTimeline(Guid runId, double requestedAtMs)
{
    public Guid RunId { get; } = runId;

    public double RequestedAtMs { get; } = requestedAtMs;

    public double? AcceptedAtMs { get; set; }

    public double? ClaimedSeenAtMs { get; set; }

    public double? DoneSeenAtMs { get; set; }

    public string? FinalStatus { get; set; }

    /// <summary>Status-change → client: when the hub delivered each change, minus when the orchestrator made it.</summary>
    public List<double> PushDelaysMs { get; } = [];
}
