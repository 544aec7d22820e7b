namespace OpsBus.Orchestrator.Specs;

/// <summary>Body of <c>PUT /api/spec-docs/{slug}</c>.</summary>
public sealed record SpecDocRequest(string? Title, string? Content);

/// <summary>A spec document at its latest version.</summary>
public sealed record SpecDocView(
    string Slug, string Title, string Content, int Version, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy);

/// <summary>A spec document in a list: without its content.</summary>
public sealed record SpecDocSummary(string Slug, string Title, int Version, DateTime UpdatedAt, string UpdatedBy);

public sealed record SpecDocList(IReadOnlyList<SpecDocSummary> Items);

/// <summary>One version of a document in its history: who saved it and when.</summary>
public sealed record SpecDocVersionSummary(int Version, string Title, DateTime CreatedAt, string CreatedBy);

public sealed record SpecDocVersionList(string Slug, IReadOnlyList<SpecDocVersionSummary> Items);

/// <summary>One version of a document, with its content as it was.</summary>
public sealed record SpecDocVersionView(string Slug, int Version, string Title, string Content, DateTime CreatedAt, string CreatedBy);
