using System.Globalization;
using System.Text;

namespace OpsBus.Runbooks.SpecKit;

/// <summary>
/// Writes the four Spec Kit documents for a feature, deterministically: the same request always gives the same
/// bytes, so a regenerated bundle diffs cleanly and an approval can bind to it. Every document has the sections
/// <see cref="SpecKitValidator"/> requires.
/// </summary>
public static class SpecKitGenerator
{
    public static IReadOnlyList<SpecDocument> Generate(SpecKitRequest request)
    {
        if (request.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(request));
        var feature = OneLine(request.Feature);
        var goals = request.Goals.Select(OneLine).ToList();
        var constraints = request.Constraints.Select(OneLine).ToList();
        return
        [
            new(SpecKitFiles.Constitution, Constitution(feature, constraints)),
            new(SpecKitFiles.Prd, Prd(feature, request.Summary.Trim(), goals, constraints)),
            new(SpecKitFiles.Plan, Plan(feature, goals, constraints)),
            new(SpecKitFiles.Tasks, Tasks(feature, goals, OneLine(request.Owner))),
        ];
    }

    /// <summary>The folder name for a feature: lower case, letters and digits joined by dashes.</summary>
    public static string Slug(string feature)
    {
        var slug = new StringBuilder();
        foreach (var c in feature.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        return text.Length <= 60 ? text : text[..60].TrimEnd('-');
    }

    private static string Constitution(string feature, IReadOnlyList<string> constraints)
    {
        var rules = new List<string>
        {
            $"**Every change to {feature} is specified before it is built**: the PRD's requirements and acceptance criteria come first.",
            "**Behaviour is proven by tests** that would fail without it; tests wait on conditions, never on sleeps.",
            "**Bad input gets a clear error**, never a crash, a hang or lost data.",
            "**Secrets never leave**: not in logs, events, artifacts or responses.",
        };
        rules.AddRange(constraints.Select(c => $"**Constraint**: {c}."));
        return Document($"{feature} — constitution",
            $"The rules every change to {feature} keeps. A change that breaks one is wrong even if its tests pass.",
            ("Rules", Numbered(rules)));
    }

    private static string Prd(string feature, string summary, IReadOnlyList<string> goals, IReadOnlyList<string> constraints)
    {
        var requirements = goals.Select((goal, i) => $"**R{i + 1}.** {feature} shall {LowerFirst(goal)}.")
            .Concat(constraints.Select((c, i) => $"**C{i + 1}.** It must respect: {c}."));
        var criteria = goals.Select((goal, i) =>
            $"**R{i + 1}**: given {feature} is deployed, when an operator exercises it, then it demonstrably does this: {LowerFirst(goal)} (covered by a test).");
        return Document($"{feature} — product requirements", null,
            ("Problem", summary),
            ("Goals", Bullets(goals)),
            ("Non-goals", Bullets([$"Changes outside what {feature}'s goals name.", "Replacing the tools operators already use for the same purpose."])),
            ("Personas", Bullets([
                "**Operator**: runs and follows the work, during an incident too.",
                "**Approver**: decides on risky changes before they run.",
                "**Auditor**: needs the evidence of what ran, when and by whom.",
            ])),
            ("Requirements", Bullets(requirements.ToList())),
            ("Acceptance criteria", Bullets(criteria.ToList())));
    }

    private static string Plan(string feature, IReadOnlyList<string> goals, IReadOnlyList<string> constraints)
    {
        var milestones = new List<string> { "**Specification reviewed**: this constitution, PRD, plan and tasks agreed." };
        milestones.AddRange(goals.Select((goal, i) => $"**R{i + 1} delivered**: {goal}."));
        milestones.Add($"**{feature} released** with its acceptance criteria passing in CI.");
        var risks = new StringBuilder("| risk | mitigation |\n|---|---|\n");
        risks.Append("| The goals are understood differently by builders and reviewers | acceptance criteria reviewed before building |\n");
        foreach (var constraint in constraints)
            risks.Append(CultureInfo.InvariantCulture, $"| Breaking the constraint: {Cell(constraint)} | a test that fails when it is broken |\n");
        return Document($"{feature} — plan", null,
            ("Milestones", Numbered(milestones)),
            ("Risks", risks.ToString().TrimEnd()),
            ("Testing", Bullets([
                "Unit tests for each rule of the constitution that code can break.",
                .. goals.Select((_, i) => $"An acceptance test for R{i + 1}, named for the behaviour it proves."),
                "Every test runs in CI on each change; none depends on timing.",
            ])));
    }

    private static string Tasks(string feature, IReadOnlyList<string> goals, string owner)
    {
        var tasks = new List<string> { $"Review the {feature} specification" };
        foreach (var (goal, i) in goals.Select((goal, i) => (goal, i)))
        {
            tasks.Add($"R{i + 1}: build — {goal}");
            tasks.Add($"R{i + 1}: acceptance test");
        }
        tasks.Add($"Release {feature}");
        return Document($"{feature} — tasks", null,
            ("Tasks", string.Join('\n', tasks.Select(task => $"- [ ] {task} — owner: {owner} — status: todo"))));
    }

    private static string Document(string title, string? preface, params (string Heading, string Body)[] sections)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(title).Append("\n\n");
        if (preface is not null)
            text.Append(preface).Append("\n\n");
        foreach (var (heading, body) in sections)
            text.Append("## ").Append(heading).Append("\n\n").Append(body).Append("\n\n");
        return text.ToString().TrimEnd() + "\n";
    }

    private static string Bullets(IReadOnlyList<string> items) => string.Join('\n', items.Select(item => $"- {item}"));

    private static string Numbered(IReadOnlyList<string> items) =>
        string.Join('\n', items.Select((item, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {item}"));

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
