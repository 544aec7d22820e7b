using OpsBus.Contracts;

namespace OpsBus.Api.Tests;

/// <summary>A page of <c>GET /api/runs</c> as a client reads it.</summary>
internal sealed record RunPage(IReadOnlyList<RunSnapshot> Items, string? NextCursor);
