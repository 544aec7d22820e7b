namespace OpsBus.Contracts;

/// <summary>Event, from the worker running the attempt: it received the cancellation and is stopping the current step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Timestamp">When it acknowledged.</param>
public sealed record RunCancellationAcknowledged(Guid RunId, int Attempt, string WorkerId, DateTime Timestamp);
