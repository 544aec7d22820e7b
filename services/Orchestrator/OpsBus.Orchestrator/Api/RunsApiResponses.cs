using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Orchestrator.Api;

/// <summary>A page of <c>GET /api/runs</c>, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record RunPage(IReadOnlyList<RunSnapshot> Items, string? NextCursor);

/// <summary>
/// The body of <c>GET /api/runs/{id}/events</c>: lines in sequence order. Pass <see cref="NextAfterSeq"/> back as
/// <c>afterSeq</c> for the next page (the same value when the page is empty, to poll a running run for more);
/// <see cref="HasMore"/> says whether more lines were already stored when this page was read.
/// </summary>
public sealed record RunEventPage(IReadOnlyList<RunEvent> Items, long NextAfterSeq, bool HasMore);

/// <summary>One persisted log line of a run.</summary>
public sealed record RunEvent(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);
