namespace OpsBus.Contracts;

/// <summary>Event, from the worker running the attempt: it stopped after a cancellation (the summarize phase has run).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Timestamp">When it stopped.</param>
public sealed record RunCancelled(Guid RunId, int Attempt, string WorkerId, DateTime Timestamp);
