using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Api;

/// <summary>A page of <c>GET /api/runs</c>, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record RunPage(IReadOnlyList<RunSnapshot> Items, string? NextCursor);

/// <summary>The body of <c>GET /api/runs/{id}/events</c>.</summary>
public sealed record RunEventPage(IReadOnlyList<RunEvent> Items);

/// <summary>One persisted log line of a run.</summary>
public sealed record RunEvent(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);
