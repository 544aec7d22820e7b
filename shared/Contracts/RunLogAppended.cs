namespace OpsBus.Contracts;

/// <summary>Event, from the worker: a batch of log lines (about 100 ms or 100 lines each).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt (fencing token).</param>
/// <param name="Lines">The lines, in sequence order.</param>
public sealed record RunLogAppended(Guid RunId, int Attempt, IReadOnlyList<RunLogLine> Lines);
