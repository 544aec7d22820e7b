using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Cli.Following;

/// <summary>
/// How far the log of a followed run has been shown. Lines arrive twice (pages of the API and pushes of the hub) and
/// the same line may come from both: only lines after <see cref="LastSeq"/> are new. A sequence number is the attempt
/// in the high 32 bits and the line's number within it in the low ones, so the cursor can tell a push that continues
/// the log from one that leaves a gap to fill from the API.
/// </summary>
public sealed class LogCursor
{
    public long LastSeq { get; private set; }

    /// <summary>The last attempt whose worker wrote its closing line (<see cref="RunLogLine.AttemptEndedKey"/> in its data).</summary>
    public int EndedAttempt { get; private set; }

    /// <summary>Whether a line numbered <paramref name="seq"/> comes right after the last one shown (the next line, or an attempt's first).</summary>
    public bool Continues(long seq) =>
        seq <= LastSeq + 1 || (seq >> 32 > LastSeq >> 32 && (seq & uint.MaxValue) == 1);

    /// <summary>The lines not shown yet, in order; the cursor moves past them.</summary>
    public IReadOnlyList<RunEvent> Accept(IEnumerable<RunEvent> lines)
    {
        var fresh = lines.Where(l => l.Seq > LastSeq).OrderBy(l => l.Seq).DistinctBy(l => l.Seq).ToList();
        if (fresh.Count > 0)
            LastSeq = fresh[^1].Seq;
        foreach (var line in fresh.Where(IsAttemptEnd))
            EndedAttempt = Math.Max(EndedAttempt, (int)(line.Seq >> 32));
        return fresh;
    }

    private static bool IsAttemptEnd(RunEvent line) => RunLogLine.EndsAttempt(line.Source, line.Data);
}
