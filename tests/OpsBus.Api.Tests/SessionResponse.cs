using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

/// <summary>A session as a client reads it (<c>laneStates</c> only on <c>GET /api/sessions/{id}</c>).</summary>
internal sealed record SessionResponse(
    string Id, string Name, IReadOnlyList<string> Lanes, string CreatedBy, DateTime CreatedAt, DateTime? ArchivedAt,
    IReadOnlyList<SessionLaneStatus>? LaneStates);

internal sealed record SessionLaneStatus(string Lane, int Queued, RunSnapshot? ActiveRun);

internal sealed record SessionList(IReadOnlyList<SessionResponse> Items);
