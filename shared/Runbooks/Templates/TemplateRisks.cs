namespace OpsBus.Runbooks.Templates;

/// <summary>How much a template can change: what approval policies key on.</summary>
public static class TemplateRisks
{
    /// <summary>Only looks.</summary>
    public const string Read = "read";

    /// <summary>Changes something that can be changed back.</summary>
    public const string Write = "write";

    /// <summary>Deletes or overwrites something that cannot be changed back.</summary>
    public const string Destructive = "destructive";

    public static IReadOnlyList<string> All { get; } = [Read, Write, Destructive];

    public static bool IsValid(string? risk) => risk is not null && All.Contains(risk, StringComparer.Ordinal);
}
