namespace OpsBus.LoadTest;

/// <summary>What the load tool saw of one run, in its own clock (Stopwatch ticks converted to ms).</summary>
internal sealed class RunTimeline(Guid runId, double requestedAtMs)
{
    public Guid RunId { get; } = runId;

    /// <summary>When the POST was sent; a run first seen on the hub (its push beat the POST's answer) gets it when the answer arrives.</summary>
    public double RequestedAtMs { get; set; } = requestedAtMs;

    public double? AcceptedAtMs { get; set; }

    public double? ClaimedSeenAtMs { get; set; }

    public double? DoneSeenAtMs { get; set; }

    public string? FinalStatus { get; set; }

    /// <summary>Status-change → client: when the hub delivered each change, minus when the orchestrator made it.</summary>
    public List<double> PushDelaysMs { get; } = [];

    /// <summary>Set once both the POST's answer and the terminal push have been seen: the run no longer counts as unfinished.</summary>
    public bool Settled { get; set; }
}
