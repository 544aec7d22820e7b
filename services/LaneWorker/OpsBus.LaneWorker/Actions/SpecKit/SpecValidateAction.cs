using System.Text;
using OpsBus.LaneWorker.Adapters;
using OpsBus.LaneWorker.Adapters.GitHub;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.Runbooks.SpecKit;

namespace OpsBus.LaneWorker.Actions.SpecKit;

/// <summary>
/// <c>spec.validate</c>: checks a Spec Kit folder with <see cref="SpecKitValidator"/>: the four files, their required
/// sections, none empty. The folder is <c>path</c> in <c>repository</c> (<c>owner/name</c>) at <c>ref</c> (default: the
/// default branch), read through GitHub's contents API, or without a repository a folder on this worker's disk. Logs
/// each problem as <c>file § heading: message</c>, attaches the report <c>spec-validation.md</c>, outputs
/// <c>problems</c> (the count) and fails for good when there is any.
/// </summary>
public sealed class SpecValidateAction(GitHubClients github) : IRunAction
{
    public const string ReportName = "spec-validation.md";

    public string Name => "spec.validate";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var path = step.Given("path") ?? throw step.Invalid("input 'path' is required: the folder holding the Spec Kit.");
        var (where, problems) = step.Given("repository") is null
            ? (path, SpecKitValidator.ValidateFolder(path))
            : await ValidateInRepositoryAsync(step, path, cancellationToken);

        foreach (var problem in problems)
            step.Log("warn", problem.ToString());
        await step.AttachTextAsync(ReportName, ArtifactKind.Markdown, "text/markdown", Report(where, problems), cancellationToken);
        step.SetOutput("problems", problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (problems.Count > 0)
            throw new StepFailedException($"Step '{step.Step.Id}': the Spec Kit in {where} has {problems.Count} problem(s), the first: {problems[0]}", retryable: false);
        step.Info($"the Spec Kit in {where} is complete: {string.Join(", ", SpecKitFiles.Required.Select(r => r.File))}");
    }

    private async Task<(string Where, IReadOnlyList<SpecProblem> Problems)> ValidateInRepositoryAsync(StepContext step, string path, CancellationToken cancellationToken)
    {
        var (owner, repo) = step.Repository(github.Options);
        var folder = path.Trim('/');
        if (folder.Length == 0 || folder.Split('/').Any(segment => segment is "" or "." or ".."))
            throw step.Invalid($"input 'path': '{path}' is not a folder of the repository.");
        var reference = step.Given("ref");
        var where = $"{owner}/{repo}:{folder}" + (reference is null ? "" : $"@{reference}");

        using var session = github.Open(cancellationToken);
        var listing = await Contents(session, owner, repo, folder, reference, $"listing {where}", cancellationToken);
        var present = listing.Where(item => item.Type.StringValue == "file").Select(item => item.Name).ToHashSet(StringComparer.Ordinal);
        var documents = new List<SpecDocument>();
        foreach (var (file, _) in SpecKitFiles.Required.Where(required => present.Contains(required.File)))
        {
            var content = await Contents(session, owner, repo, $"{folder}/{file}", reference, $"reading {folder}/{file}", cancellationToken);
            documents.Add(new SpecDocument(file, content.Single().Content ?? ""));
        }

        return (where, SpecKitValidator.Validate(documents));
    }

    private static Task<IReadOnlyList<Octokit.RepositoryContent>> Contents(
        GitHubSession session, string owner, string repo, string path, string? reference, string what, CancellationToken cancellationToken) =>
        session.Call(what, c => reference is null
            ? c.Repository.Content.GetAllContents(owner, repo, path)
            : c.Repository.Content.GetAllContentsByRef(owner, repo, path, reference), cancellationToken);

    private static string Report(string where, IReadOnlyList<SpecProblem> problems)
    {
        var report = new StringBuilder($"# Spec Kit validation of {where}\n\n");
        if (problems.Count == 0)
            return report.Append("No problems: every file is there with its required sections, none empty.\n").ToString();
        report.Append(problems.Count).Append(" problem(s):\n\n| file | section | problem |\n|---|---|---|\n");
        foreach (var problem in problems)
            report.Append("| ").Append(problem.File).Append(" | ").Append(problem.Section ?? "—").Append(" | ").Append(problem.Message).Append(" |\n");
        return report.ToString();
    }
}
