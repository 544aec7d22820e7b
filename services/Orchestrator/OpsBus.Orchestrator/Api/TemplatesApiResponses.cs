namespace OpsBus.Orchestrator.Api;

/// <summary>The body of <c>GET /api/templates</c>.</summary>
public sealed record TemplateList(IReadOnlyList<TemplateSummary> Items);

/// <summary>A template in the catalogue, at its current version.</summary>
public sealed record TemplateSummary(
    string Slug,
    string Title,
    string Description,
    string DefaultLane,
    string Risk,
    IReadOnlyList<string> Environments,
    int Version,
    DateTime UpdatedAt);

/// <summary>The body of <c>GET /api/templates/{slug}/versions</c>, oldest first.</summary>
public sealed record TemplateVersionList(IReadOnlyList<TemplateVersionSummary> Items);

public sealed record TemplateVersionSummary(int Version, DateTime CreatedAt, string CreatedBy);
