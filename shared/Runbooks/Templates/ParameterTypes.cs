namespace OpsBus.Runbooks.Templates;

/// <summary>The types a <see cref="TemplateParameter"/> may have.</summary>
public static class ParameterTypes
{
    /// <summary>A JSON string, optionally matching a pattern.</summary>
    public const string String = "string";

    /// <summary>A JSON number.</summary>
    public const string Number = "number";

    /// <summary>JSON true or false.</summary>
    public const string Boolean = "boolean";

    /// <summary>A JSON string among the allowed values.</summary>
    public const string Enum = "enum";

    /// <summary>A JSON string sealed into a secret envelope when rendered and shown as <c>***</c> everywhere else.</summary>
    public const string Secret = "secret";

    public static IReadOnlyList<string> All { get; } = [String, Number, Boolean, Enum, Secret];

    public static bool IsValid(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether values of the type are strings that a pattern may constrain.</summary>
    public static bool IsText(string? type) => type is String or Secret;
}
