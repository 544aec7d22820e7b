using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>Inputs the GitHub actions share.</summary>
internal static class GitHubInputs
{
    /// <summary><c>repository</c> as <c>owner/name</c>, or the configured default repository.</summary>
    public static (string Owner, string Name) Repository(this StepContext step, GitHubOptions options)
    {
        var repository = step.StringOr("repository", options.DefaultRepository);
        var parts = repository.Split('/');
        return parts is [{ Length: > 0 } owner, { Length: > 0 } name] && !repository.Any(char.IsWhiteSpace)
            ? (owner, name)
            : throw step.Invalid($"input 'repository' must be 'owner/name', got '{repository}'.");
    }

    /// <summary>A branch name git would accept for a new branch (the common rules of <c>git check-ref-format</c>).</summary>
    public static string BranchName(this StepContext step, string name)
    {
        var branch = step.RequireString(name);
        var valid = !branch.StartsWith('/') && !branch.EndsWith('/') && !branch.StartsWith('-') && !branch.EndsWith(".lock", StringComparison.Ordinal)
            && !branch.Contains("..", StringComparison.Ordinal) && !branch.Contains("//", StringComparison.Ordinal)
            && !branch.Contains("@{", StringComparison.Ordinal) && !branch.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || "~^:?*[\\".Contains(c));
        return valid ? branch : throw step.Invalid($"input '{name}' is not a valid branch name: '{branch}'.");
    }

    /// <summary>A branch or tag as <c>main</c> whether written <c>main</c>, <c>refs/heads/main</c> or <c>refs/tags/v1</c>.</summary>
    public static string ShortRef(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..]
        : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference["refs/tags/".Length..]
        : reference;
}
