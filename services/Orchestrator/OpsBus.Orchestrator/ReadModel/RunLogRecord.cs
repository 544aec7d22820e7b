namespace OpsBus.Orchestrator.ReadModel;

/// <summary>One persisted log line of a run, unique by (run, sequence).</summary>
public sealed class RunLogRecord
{
    public Guid RunId { get; set; }

    public long Seq { get; set; }

    public int Attempt { get; set; }

    public DateTime WrittenAt { get; set; }

    public string Level { get; set; } = "";

    public string Source { get; set; } = "";

    public string Message { get; set; } = "";

    public string? DataJson { get; set; }
}
