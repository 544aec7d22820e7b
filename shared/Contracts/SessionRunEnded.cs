namespace OpsBus.Contracts;

/// <summary>Event, from a run's saga: the run reached a terminal state, so its session-lane may admit the next one.</summary>
/// <param name="RunId">The run.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Lane">The lane.</param>
public sealed record SessionRunEnded(Guid RunId, string SessionId, string Lane);
