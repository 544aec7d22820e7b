using System.Globalization;
using Octokit;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// <c>github.workflow.dispatch</c>: dispatches <c>workflow</c> (file name or id) on <c>ref</c> with <c>inputs</c>, then finds
/// the run the dispatch created (GitHub's dispatch answers 204 without it): a workflow_dispatch run on that ref, created
/// since shortly before the dispatch, that was not there before it. Outputs <c>runId</c> and <c>url</c>.
/// </summary>
public sealed class GitHubWorkflowDispatchAction(GitHubClients github, TimeProvider clock) : IRunAction
{
    /// <summary>Allowance for the difference between this worker's clock and GitHub's in the <c>created</c> filter.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private static readonly ApiOptions FirstPage = new() { PageSize = 30, PageCount = 1, StartPage = 1 };

    public string Name => "github.workflow.dispatch";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var options = github.Options;
        var (owner, repo) = step.Repository(options);
        var workflow = step.RequireString("workflow");
        var reference = step.RequireString("ref");
        var inputs = step.ScalarMap("inputs");
        var schedule = new PollSchedule(clock, step.SecondsOr("pollSeconds", options.PollInterval, TimeSpan.FromMinutes(5)), options.RunLookupTimeout);
        long? workflowId = long.TryParse(workflow, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

        using var session = github.Open(cancellationToken);
        var runs = new WorkflowRunsRequest { Branch = GitHubInputs.ShortRef(reference), Event = "workflow_dispatch" };
        var before = (await ListRuns(session, owner, repo, workflow, workflowId, runs, cancellationToken)).Select(r => r.Id).ToHashSet();

        var dispatchedAt = clock.GetUtcNow();
        var dispatch = new CreateWorkflowDispatch(reference) { Inputs = inputs.ToDictionary(i => i.Key, i => i.Value) };
        await session.Call($"dispatching workflow '{workflow}' on {reference}", c => workflowId is { } wid
            ? c.Actions.Workflows.CreateDispatch(owner, repo, wid, dispatch)
            : c.Actions.Workflows.CreateDispatch(owner, repo, workflow, dispatch), cancellationToken);
        step.Info($"dispatched workflow '{workflow}' of {owner}/{repo} on {reference}");

        runs.Created = ">=" + (dispatchedAt - ClockSkew).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        while (true)
        {
            var created = (await ListRuns(session, owner, repo, workflow, workflowId, runs, cancellationToken))
                .Where(r => !before.Contains(r.Id))
                .MinBy(r => r.Id);
            if (created is not null)
            {
                step.Info($"the dispatch started run {created.Id}: {created.HtmlUrl}");
                step.SetOutput("runId", VendorJson.Invariant(created.Id));
                step.SetOutput("url", created.HtmlUrl ?? "");
                return;
            }

            if (schedule.Expired)
                throw new StepFailedException(
                    $"GitHub: the run dispatched for workflow '{workflow}' on {reference} did not appear within {schedule.Timeout.TotalSeconds:0.#} s.", retryable: true);
            await schedule.WaitAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<WorkflowRun>> ListRuns(
        GitHubSession session, string owner, string repo, string workflow, long? workflowId, WorkflowRunsRequest request, CancellationToken cancellationToken)
    {
        var response = await session.Call($"listing runs of workflow '{workflow}'", c => workflowId is { } wid
            ? c.Actions.Workflows.Runs.ListByWorkflow(owner, repo, wid, request, FirstPage)
            : c.Actions.Workflows.Runs.ListByWorkflow(owner, repo, workflow, request, FirstPage), cancellationToken);
        return response.WorkflowRuns ?? [];
    }
}
