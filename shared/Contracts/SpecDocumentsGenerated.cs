namespace OpsBus.Contracts;

/// <summary>
/// Event, from a lane worker's <c>spec.generate</c> step: the Spec Kit documents of a feature were generated. The
/// orchestrator stores each one as the spec document <c>&lt;Feature&gt;/&lt;file name without .md&gt;</c>; a redelivery or a
/// regeneration with the same content adds no version.
/// </summary>
/// <param name="RunId">The run whose step generated them.</param>
/// <param name="Feature">The feature's slug, the documents' folder (<c>spec/&lt;Feature&gt;/</c>), e.g. <c>deploy-freeze</c>.</param>
/// <param name="Documents">The documents, in reading order.</param>
/// <param name="GeneratedBy">The author recorded on the versions they become: <c>run:&lt;RunId&gt;</c>.</param>
public sealed record SpecDocumentsGenerated(Guid RunId, string Feature, IReadOnlyList<GeneratedSpecDocument> Documents, string GeneratedBy);
