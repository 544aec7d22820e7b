using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// <c>github.workflow.status</c>: the status of workflow run <c>runId</c>. With <c>wait</c> (default true) it polls every
/// <c>pollSeconds</c> until the run completes and fails for good unless it concluded <c>success</c>; without, it reports
/// the status as it is. Outputs <c>status</c>, <c>conclusion</c> (empty until completed), <c>url</c>.
/// </summary>
public sealed class GitHubWorkflowStatusAction(GitHubClients github, TimeProvider clock) : IRunAction
{
    public string Name => "github.workflow.status";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var options = github.Options;
        var (owner, repo) = step.Repository(options);
        var runId = step.RequireId("runId");
        var wait = step.OptionalBoolean("wait") ?? true;
        var schedule = new PollSchedule(clock,
            step.SecondsOr("pollSeconds", options.PollInterval, TimeSpan.FromMinutes(10)),
            step.SecondsOr("timeoutSeconds", options.WaitTimeout, TimeSpan.FromDays(1)));

        using var session = github.Open(cancellationToken);
        string? lastStatus = null;
        while (true)
        {
            var run = await session.Call($"reading workflow run {runId}", c => c.Actions.Workflows.Runs.Get(owner, repo, runId), cancellationToken);
            var status = run.Status.StringValue;
            var conclusion = run.Conclusion?.StringValue ?? "";
            if (status != lastStatus)
                step.Info($"run {runId} is {status}{(conclusion.Length > 0 ? $" ({conclusion})" : "")}");
            lastStatus = status;

            if (!wait || status == "completed")
            {
                step.SetOutput("status", status);
                step.SetOutput("conclusion", conclusion);
                step.SetOutput("url", run.HtmlUrl ?? "");
                if (wait && conclusion != "success")
                    throw new StepFailedException($"GitHub: workflow run {runId} concluded '{conclusion}': {run.HtmlUrl}", retryable: false);
                return;
            }

            if (schedule.Expired)
                throw new StepFailedException(
                    $"GitHub: workflow run {runId} is still {status} after {schedule.Timeout.TotalSeconds:0.#} s: {run.HtmlUrl}", retryable: true);
            await schedule.WaitAsync(cancellationToken);
        }
    }
}
