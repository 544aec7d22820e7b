using System.Text.Json;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// The GitHub webhook events trigger rules can match, their actions, and how each payload is read into
/// <see cref="GitHubEventFacts"/> (GitHub's webhook payload documentation names the properties used).
/// </summary>
public static class GitHubEvents
{
    public const string Push = "push";
    public const string PullRequest = "pull_request";
    public const string WorkflowRun = "workflow_run";
    public const string Release = "release";
    public const string Ping = "ping";

    public static IReadOnlyList<string> All { get; } = [Push, PullRequest, WorkflowRun, Release];

    private static readonly Dictionary<string, (string[] Allowed, string[] Default)> Actions = new(StringComparer.Ordinal)
    {
        [Push] = ([], []),
        [PullRequest] = (["opened", "synchronize", "reopened", "closed", "edited", "ready_for_review", "labeled", "unlabeled"], ["opened", "synchronize", "reopened"]),
        [WorkflowRun] = (["requested", "in_progress", "completed"], ["completed"]),
        [Release] = (["published", "created", "released", "prereleased", "edited", "deleted", "unpublished"], ["published"]),
    };

    public static bool IsSupported(string? gitHubEvent) => gitHubEvent is not null && Actions.ContainsKey(gitHubEvent);

    /// <summary>The actions a rule for <paramref name="gitHubEvent"/> may list; none for push.</summary>
    public static IReadOnlyList<string> AllowedActions(string gitHubEvent) => Actions[gitHubEvent].Allowed;

    /// <summary>What a rule that lists no actions matches.</summary>
    public static IReadOnlyList<string> DefaultActions(string gitHubEvent) => Actions[gitHubEvent].Default;

    /// <summary>
    /// The facts of a delivery, or why there are none: a payload without what the event always has, or a change nothing
    /// should run for (a deleted branch or tag).
    /// </summary>
    public static GitHubEventFacts? Read(string gitHubEvent, JsonElement payload, out string? ignored)
    {
        ignored = null;
        try
        {
            var repository = payload.Text("repository", "full_name") ?? throw Missing("repository.full_name");
            var sender = payload.Text("sender", "login") ?? throw Missing("sender.login");
            var action = payload.Text("action");
            switch (gitHubEvent)
            {
                case Push:
                {
                    if (payload.Flag("deleted"))
                    {
                        ignored = "the push deleted a branch or tag";
                        return null;
                    }
                    var gitRef = payload.Text("ref") ?? throw Missing("ref");
                    var branch = After(gitRef, "refs/heads/");
                    var author = payload.Text("pusher", "name") ?? sender;
                    return new GitHubEventFacts(Push, null, repository, gitRef, branch, branch, After(gitRef, "refs/tags/"),
                        payload.Text("after") ?? throw Missing("after"), null, author, sender);
                }
                case PullRequest:
                {
                    var pull = payload.Property("pull_request") ?? throw Missing("pull_request");
                    var head = pull.Text("head", "ref") ?? throw Missing("pull_request.head.ref");
                    return new GitHubEventFacts(PullRequest, action, repository, "refs/heads/" + head, head, pull.Text("base", "ref"), null,
                        pull.Text("head", "sha") ?? throw Missing("pull_request.head.sha"),
                        payload.Number("number") ?? pull.Number("number") ?? throw Missing("number"),
                        pull.Text("user", "login") ?? sender, sender);
                }
                case WorkflowRun:
                {
                    var run = payload.Property("workflow_run") ?? throw Missing("workflow_run");
                    var branch = run.Text("head_branch");
                    return new GitHubEventFacts(WorkflowRun, action, repository, branch is null ? null : "refs/heads/" + branch, branch, branch, null,
                        run.Text("head_sha") ?? throw Missing("workflow_run.head_sha"), null, run.Text("actor", "login") ?? sender, sender);
                }
                case Release:
                {
                    var release = payload.Property("release") ?? throw Missing("release");
                    var tag = release.Text("tag_name") ?? throw Missing("release.tag_name");
                    return new GitHubEventFacts(Release, action, repository, "refs/tags/" + tag, null, null, tag, null, null,
                        release.Text("author", "login") ?? sender, sender);
                }
                default:
                    ignored = $"the event '{gitHubEvent}' is not one trigger rules match";
                    return null;
            }
        }
        catch (MissingPropertyException e)
        {
            ignored = e.Message;
            return null;
        }
    }

    private static string? After(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length ? value[prefix.Length..] : null;

    private static MissingPropertyException Missing(string path) => new($"the payload has no '{path}'");

    private static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    private static string? Text(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current.ValueKind == JsonValueKind.String && current.GetString() is { Length: > 0 } text ? text : null;
    }

    private static int? Number(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    private static bool Flag(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private sealed class MissingPropertyException(string message) : Exception(message);
}
