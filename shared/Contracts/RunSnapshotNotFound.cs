namespace OpsBus.Contracts;

/// <summary>Response to <see cref="GetRunSnapshot"/>: no such run.</summary>
/// <param name="RunId">The run asked for.</param>
public sealed record RunSnapshotNotFound(Guid RunId);
