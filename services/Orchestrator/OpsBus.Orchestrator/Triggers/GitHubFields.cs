namespace OpsBus.Orchestrator.Triggers;

/// <summary>The fields a trigger rule's parameter mapping may use as <c>${{ github.&lt;field&gt; }}</c>, and which events have them.</summary>
public static class GitHubFields
{
    public const string Repo = "repo";
    public const string Ref = "ref";
    public const string Branch = "branch";
    public const string Sha = "sha";
    public const string Pr = "pr";
    public const string Author = "author";
    public const string Action = "action";
    public const string Tag = "tag";

    public static IReadOnlyList<string> All { get; } = [Repo, Ref, Branch, Sha, Pr, Author, Action, Tag];

    private static readonly Dictionary<string, string[]> ByEvent = new(StringComparer.Ordinal)
    {
        [GitHubEvents.Push] = [Repo, Ref, Branch, Tag, Sha, Author],
        [GitHubEvents.PullRequest] = [Repo, Ref, Branch, Sha, Pr, Author, Action],
        [GitHubEvents.WorkflowRun] = [Repo, Ref, Branch, Sha, Author, Action],
        [GitHubEvents.Release] = [Repo, Ref, Tag, Author, Action],
    };

    /// <summary>The fields deliveries of <paramref name="gitHubEvent"/> carry.</summary>
    public static IReadOnlyList<string> Of(string gitHubEvent) => ByEvent.TryGetValue(gitHubEvent, out var fields) ? fields : [];
}
