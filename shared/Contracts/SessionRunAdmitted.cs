namespace OpsBus.Contracts;

/// <summary>Event, from a session-lane: this run is now the lane's active run and may be dispatched to workers.</summary>
/// <param name="RunId">The run.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Lane">The lane.</param>
public sealed record SessionRunAdmitted(Guid RunId, string SessionId, string Lane);
