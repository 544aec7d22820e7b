using Octokit;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// <c>github.pr.open</c>: commits <c>files</c> (path → content) on a new <c>branch</c> made from the head of <c>base</c>
/// (default: the repository's default branch) and opens a pull request with <c>title</c> and <c>body</c>.
/// The commit is made first and the branch created pointing at it, so the branch never exists without the files.
/// Outputs <c>url</c>, <c>number</c>, <c>branch</c>, <c>commit</c>.
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
        var baseBranch = step.OptionalString("base") is { Length: > 0 } requested
            ? GitHubInputs.ShortRef(requested)
            : (await session.Call($"reading repository {owner}/{repo}", c => c.Repository.Get(owner, repo), cancellationToken)).DefaultBranch;

        var head = await session.Call($"reading branch '{baseBranch}'", c => c.Git.Reference.Get(owner, repo, $"heads/{baseBranch}"), cancellationToken);
        var headSha = head.Object.Sha;
        var headCommit = await session.Call($"reading commit {headSha}", c => c.Git.Commit.Get(owner, repo, headSha), cancellationToken);

        var tree = new NewTree { BaseTree = headCommit.Tree.Sha };
        foreach (var (path, content) in files)
            tree.Tree.Add(new NewTreeItem { Path = path, Mode = "100644", Type = TreeType.Blob, Content = content });
        var newTree = await session.Call("creating the tree", c => c.Git.Tree.Create(owner, repo, tree), cancellationToken);
        var commit = await session.Call("creating the commit", c => c.Git.Commit.Create(owner, repo, new NewCommit(message, newTree.Sha, headSha)), cancellationToken);
        step.Info($"committed {files.Count} file(s) on top of {baseBranch} ({Short(headSha)}) as {Short(commit.Sha)}");

        await session.Call($"creating branch '{branch}'", c => c.Git.Reference.Create(owner, repo, new NewReference($"refs/heads/{branch}", commit.Sha)), cancellationToken);
        var pull = await session.Call("opening the pull request",
            c => c.PullRequest.Create(owner, repo, new NewPullRequest(title, branch, baseBranch) { Body = body }), cancellationToken);
        step.Info($"opened pull request #{pull.Number}: {pull.HtmlUrl}");

        step.SetOutput("url", pull.HtmlUrl ?? "");
        step.SetOutput("number", pull.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        step.SetOutput("branch", branch);
        step.SetOutput("commit", commit.Sha);
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
