namespace OpsBus.Runbooks.SpecKit;

/// <summary>What a Spec Kit is generated from.</summary>
/// <param name="Feature">The feature's name, e.g. "Deploy freeze windows".</param>
/// <param name="Summary">The problem it solves, in a sentence or a paragraph.</param>
/// <param name="Goals">What it must achieve; each becomes a requirement, an acceptance criterion, a milestone and tasks.</param>
/// <param name="Constraints">What it must respect; each becomes a rule of the constitution and a risk of the plan.</param>
/// <param name="Owner">Who owns the tasks until they are assigned.</param>
public sealed record SpecKitRequest(string Feature, string Summary, IReadOnlyList<string> Goals, IReadOnlyList<string> Constraints, string Owner = "unassigned")
{
    /// <summary>Why the request cannot make a Spec Kit, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Feature))
            return "A feature name is required.";
        if (SpecKitGenerator.Slug(Feature).Length == 0)
            return "The feature name needs at least one letter or digit.";
        if (string.IsNullOrWhiteSpace(Summary))
            return "A summary is required.";
        if (Goals.Count == 0 || Goals.Any(string.IsNullOrWhiteSpace))
            return "At least one goal is required, and none may be empty.";
        if (Constraints.Any(string.IsNullOrWhiteSpace))
            return "A constraint may not be empty.";
        return null;
    }

    /// <summary>Goals or constraints given as one text: one per line, or separated by semicolons.</summary>
    public static IReadOnlyList<string> Items(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(item => item.TrimStart('-', '*', ' ').Trim())
                .Where(item => item.Length > 0)
                .ToList();
}
