using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>One version of a stored template, read back.</summary>
/// <param name="Template">The definition.</param>
/// <param name="Version">Which version it is.</param>
/// <param name="CurrentVersion">The template's latest version when it was read.</param>
/// <param name="UpdatedAt">When the template last changed.</param>
public sealed record StoredTemplate(RunbookTemplate Template, int Version, int CurrentVersion, DateTime UpdatedAt);

/// <summary>The outcome of <see cref="TemplateStore.UpdateAsync"/>.</summary>
public enum TemplateUpdate
{
    Updated,
    Unchanged,
    NotFound,

    /// <summary>The caller's <c>If-Match</c> named another version than the current one.</summary>
    VersionMismatch,

    /// <summary>Another edit wrote the same next version first.</summary>
    Conflict,
}
