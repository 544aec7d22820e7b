namespace OpsBus.Runbooks.SpecKit;

/// <summary>The four documents of a Spec Kit and the sections each must have, none of them empty.</summary>
public static class SpecKitFiles
{
    public const string Constitution = "constitution.md";
    public const string Prd = "prd.md";
    public const string Plan = "plan.md";
    public const string Tasks = "tasks.md";

    /// <summary>Every file, in reading order, with its required second-level headings.</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<string> Sections)> Required { get; } =
    [
        (Constitution, ["Rules"]),
        (Prd, ["Problem", "Goals", "Non-goals", "Personas", "Requirements", "Acceptance criteria"]),
        (Plan, ["Milestones", "Risks", "Testing"]),
        (Tasks, ["Tasks"]),
    ];
}
