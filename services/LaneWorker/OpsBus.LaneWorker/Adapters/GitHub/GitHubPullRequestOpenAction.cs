using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// <c>github.pr.open</c>: commits <c>files</c> (path → content) on a new <c>branch</c> made from the head of <c>base</c>
/// (default: the repository's default branch) and opens a pull request with <c>title</c> and <c>body</c>
/// (see <see cref="GitHubPullRequests"/>). Outputs <c>url</c>, <c>number</c>, <c>branch</c>, <c>commit</c>.
/// </summary>
public sealed class GitHubPullRequestOpenAction(GitHubClients github) : IRunAction
{
    public string Name => "github.pr.open";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var (owner, repo) = step.Repository(github.Options);
        var branch = step.BranchName("branch");
        var title = step.RequireString("title");
        var body = step.OptionalString("body");
        var message = step.OptionalString("message") ?? title;
        var files = step.StringMap("files");
        if (files.Count == 0)
            throw step.Invalid("input 'files' must name at least one file (path → content).");
        foreach (var path in files.Keys)
        {
            if (path.Length == 0 || path.StartsWith('/') || path.EndsWith('/') || path.Split('/').Any(segment => segment is "" or "." or ".."))
                throw step.Invalid($"input 'files': '{path}' is not a relative file path.");
        }

        using var session = github.Open(cancellationToken);
        var pull = await GitHubPullRequests.OpenAsync(session, step,
            new PullRequestDraft(owner, repo, branch, step.OptionalString("base"), title, body, message, files), cancellationToken);
        step.Report(pull);
    }
}
