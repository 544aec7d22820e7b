namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// What a GitHub delivery is about, read from its payload: what trigger rules match on and map into parameters.
/// </summary>
/// <param name="Event">push, pull_request, workflow_run or release.</param>
/// <param name="Action">The event's action (opened, completed, published, …); null for push.</param>
/// <param name="Repository">The repository, <c>owner/name</c>.</param>
/// <param name="Ref">The full git ref: <c>refs/heads/…</c> or <c>refs/tags/…</c>.</param>
/// <param name="Branch">The branch the change is on: pushed, a pull request's head, a workflow run's head.</param>
/// <param name="FilterBranch">What a rule's branch filter matches: like GitHub Actions, a pull request's base branch, else <see cref="Branch"/>.</param>
/// <param name="Tag">The tag of a release or a tag push.</param>
/// <param name="Sha">The commit: pushed head, pull request head, workflow run head; null for a release.</param>
/// <param name="PullRequest">The pull request's number.</param>
/// <param name="Author">Who made the change: the pull request's or release's author, the workflow run's actor, the pusher.</param>
/// <param name="Sender">The GitHub account that caused the delivery: the run's requester is <c>github:&lt;sender&gt;</c>.</param>
public sealed record GitHubEventFacts(
    string Event,
    string? Action,
    string Repository,
    string? Ref,
    string? Branch,
    string? FilterBranch,
    string? Tag,
    string? Sha,
    int? PullRequest,
    string? Author,
    string Sender)
{
    /// <summary>The value of <c>${{ github.&lt;field&gt; }}</c> for this delivery, or null when it has none.</summary>
    public string? Field(string field) => field switch
    {
        GitHubFields.Repo => Repository,
        GitHubFields.Ref => Ref,
        GitHubFields.Branch => Branch,
        GitHubFields.Sha => Sha,
        GitHubFields.Pr => PullRequest?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        GitHubFields.Author => Author,
        GitHubFields.Action => Action,
        GitHubFields.Tag => Tag,
        _ => null,
    };
}
