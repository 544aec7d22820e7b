using System.Globalization;
using Octokit;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// Opens a pull request with files: commits them on top of the head of the base branch (the repository's default
/// branch when none is named), creates the new branch pointing at that commit, so the branch never exists without the
/// files, then opens the pull request. Shared by <c>github.pr.open</c> and the actions that propose files of their own.
/// </summary>
internal static class GitHubPullRequests
{
    public static async Task<OpenedPullRequest> OpenAsync(GitHubSession session, StepContext step, PullRequestDraft draft, CancellationToken cancellationToken)
    {
        var (owner, repo) = (draft.Owner, draft.Repo);
        var baseBranch = draft.Base is { Length: > 0 } requested
            ? GitHubInputs.ShortRef(requested)
            : (await session.Call($"reading repository {owner}/{repo}", c => c.Repository.Get(owner, repo), cancellationToken)).DefaultBranch;

        var head = await session.Call($"reading branch '{baseBranch}'", c => c.Git.Reference.Get(owner, repo, $"heads/{baseBranch}"), cancellationToken);
        var headSha = head.Object.Sha;
        var headCommit = await session.Call($"reading commit {headSha}", c => c.Git.Commit.Get(owner, repo, headSha), cancellationToken);

        var tree = new NewTree { BaseTree = headCommit.Tree.Sha };
        foreach (var (path, content) in draft.Files)
            tree.Tree.Add(new NewTreeItem { Path = path, Mode = "100644", Type = TreeType.Blob, Content = content });
        var newTree = await session.Call("creating the tree", c => c.Git.Tree.Create(owner, repo, tree), cancellationToken);
        var commit = await session.Call("creating the commit", c => c.Git.Commit.Create(owner, repo, new NewCommit(draft.Message, newTree.Sha, headSha)), cancellationToken);
        step.Info($"committed {draft.Files.Count} file(s) on top of {baseBranch} ({Short(headSha)}) as {Short(commit.Sha)}");

        await session.Call($"creating branch '{draft.Branch}'",
            c => c.Git.Reference.Create(owner, repo, new NewReference($"refs/heads/{draft.Branch}", commit.Sha)), cancellationToken);
        var pull = await session.Call("opening the pull request",
            c => c.PullRequest.Create(owner, repo, new NewPullRequest(draft.Title, draft.Branch, baseBranch) { Body = draft.Body }), cancellationToken);
        step.Info($"opened pull request #{pull.Number}: {pull.HtmlUrl}");
        return new OpenedPullRequest(pull.HtmlUrl ?? "", pull.Number, draft.Branch, commit.Sha);
    }

    /// <summary>Sets the outputs <c>url</c>, <c>number</c>, <c>branch</c> and <c>commit</c>.</summary>
    public static void Report(this StepContext step, OpenedPullRequest pull)
    {
        step.SetOutput("url", pull.Url);
        step.SetOutput("number", pull.Number.ToString(CultureInfo.InvariantCulture));
        step.SetOutput("branch", pull.Branch);
        step.SetOutput("commit", pull.Commit);
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}

/// <summary>A pull request to open: <see cref="Files"/> (relative path → content) committed with <see cref="Message"/> on the new <see cref="Branch"/>.</summary>
internal sealed record PullRequestDraft(
    string Owner, string Repo, string Branch, string? Base, string Title, string? Body, string Message, IReadOnlyDictionary<string, string> Files);

/// <summary>An opened pull request: its page, number, branch and the commit that carries the files.</summary>
internal sealed record OpenedPullRequest(string Url, int Number, string Branch, string Commit);
