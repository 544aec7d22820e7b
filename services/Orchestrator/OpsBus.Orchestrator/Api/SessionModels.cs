using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Api;

/// <summary>The body of <c>POST /api/sessions</c>; the id is made from the name unless given, the lanes are A–D unless given.</summary>
public sealed record CreateSessionRequest
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public List<string?>? Lanes { get; init; }
}

public sealed record SessionResponse(string Id, string Name, IReadOnlyList<string> Lanes, string CreatedBy, DateTime CreatedAt, DateTime? ArchivedAt)
{
    public static SessionResponse Of(SessionRecord session) =>
        new(session.Id, session.Name, session.Lanes, session.CreatedBy, session.CreatedAt, session.ArchivedAt);
}

public sealed record SessionList(IReadOnlyList<SessionResponse> Items);

/// <summary>The body of <c>GET /api/sessions/{id}</c>: the session and where each of its lanes stands.</summary>
public sealed record SessionDetails(
    string Id,
    string Name,
    IReadOnlyList<string> Lanes,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? ArchivedAt,
    IReadOnlyList<SessionLaneStatus> LaneStates);

/// <summary>One lane of a session: how many runs wait in it, and the run it is executing (null when idle).</summary>
public sealed record SessionLaneStatus(string Lane, int Queued, RunSnapshot? ActiveRun);
