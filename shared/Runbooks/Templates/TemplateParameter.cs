using System.Text.Json;

namespace OpsBus.Runbooks.Templates;

/// <summary>One parameter of a <see cref="RunbookTemplate"/>.</summary>
/// <param name="Key">How steps reference it: <c>${{ params.key }}</c>.</param>
/// <param name="Label">What an operator reads next to the field.</param>
/// <param name="Type">One of <see cref="ParameterTypes"/>.</param>
/// <param name="Required">When true a run needs a value (a default counts).</param>
/// <param name="Default">The value used when none is given; never set for a secret.</param>
/// <param name="AllowedValues">The choices of an enum parameter.</param>
/// <param name="Pattern">A regular expression a string or secret value must match in full.</param>
public sealed record TemplateParameter(
    string Key,
    string Label,
    string Type,
    bool Required = false,
    JsonElement? Default = null,
    IReadOnlyList<string>? AllowedValues = null,
    string? Pattern = null);
