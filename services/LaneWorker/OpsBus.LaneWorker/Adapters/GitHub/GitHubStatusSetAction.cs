using Octokit;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// <c>github.status.set</c>: sets a commit status on <c>sha</c>: <c>state</c> (pending|success|failure|error),
/// <c>context</c> (default <c>opsbus</c>), <c>description</c>, <c>targetUrl</c>. Outputs <c>id</c>, <c>state</c>, <c>context</c>.
/// </summary>
public sealed class GitHubStatusSetAction(GitHubClients github) : IRunAction
{
    private const int MaxDescriptionLength = 140;

    public string Name => "github.status.set";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var (owner, repo) = step.Repository(github.Options);
        var sha = step.RequireString("sha");
        if (sha.Length is < 4 or > 64 || !sha.All(char.IsAsciiHexDigit))
            throw step.Invalid($"input 'sha' must be a commit SHA, got '{sha}'.");
        var stateName = step.RequireString("state");
        CommitState state = stateName switch
        {
            "pending" => CommitState.Pending,
            "success" => CommitState.Success,
            "failure" => CommitState.Failure,
            "error" => CommitState.Error,
            _ => throw step.Invalid($"input 'state' must be pending, success, failure or error, got '{stateName}'."),
        };
        var context = step.OptionalString("context") ?? "opsbus";
        var description = step.OptionalString("description");
        if (description is { Length: > MaxDescriptionLength })
            throw step.Invalid($"input 'description' must be at most {MaxDescriptionLength} characters.");
        var targetUrl = step.OptionalString("targetUrl");
        if (targetUrl is not null && !(Uri.TryCreate(targetUrl, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"))
            throw step.Invalid("input 'targetUrl' must be an absolute http(s) URL.");

        using var session = github.Open(cancellationToken);
        var status = await session.Call($"setting status '{context}' on {sha}",
            c => c.Repository.Status.Create(owner, repo, sha, new NewCommitStatus { State = state, Context = context, Description = description, TargetUrl = targetUrl }),
            cancellationToken);
        step.Info($"status '{context}' of {owner}/{repo}@{sha} is {stateName}");

        step.SetOutput("id", VendorJson.Invariant(status.Id));
        step.SetOutput("state", stateName);
        step.SetOutput("context", context);
    }
}
