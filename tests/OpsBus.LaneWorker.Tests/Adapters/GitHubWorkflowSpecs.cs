using static OpsBus.LaneWorker.Tests.Adapters.GitHubFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_dispatches_a_workflow
{
    [Fact]
    public async Task Should_dispatch_it_and_report_the_run_it_created()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("github.workflow.dispatch", ("repository", $"{Owner}/{Repo}"), ("workflow", "deploy.yml"), ("ref", "refs/heads/main"),
            ("inputs", new Dictionary<string, object> { ["environment"] = "staging", ["dryRun"] = true }))).Succeeded();

        Assert.Equal("1001", run.Outputs["runId"]);
        Assert.Equal(RunUrl(DispatchedRunId), run.Outputs["url"]);
        var dispatch = github.Posted("/actions/workflows/deploy.yml/dispatches");
        Assert.Equal("refs/heads/main", dispatch.GetProperty("ref").GetString());
        Assert.Equal("staging", dispatch.GetProperty("inputs").GetProperty("environment").GetString());
        Assert.True(dispatch.GetProperty("inputs").GetProperty("dryRun").GetBoolean());
        var lookup = github.Server.RequestsTo("/actions/workflows/deploy.yml/runs").Last();
        Assert.Contains("branch=main", lookup.Query);
        Assert.Contains("event=workflow_dispatch", lookup.Query);
        Assert.Contains("created=%3E%3D", lookup.Query);
    }
}

public sealed class When_a_plan_follows_a_workflow_run
{
    [Fact]
    public async Task Should_poll_until_it_completes_and_report_its_conclusion()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("github.workflow.status", ("repository", $"{Owner}/{Repo}"), ("runId", DispatchedRunId), ("pollSeconds", 0.01))).Succeeded();

        Assert.Equal("completed", run.Outputs["status"]);
        Assert.Equal("success", run.Outputs["conclusion"]);
        Assert.Equal(RunUrl(DispatchedRunId), run.Outputs["url"]);
        Assert.Equal(3, github.Server.RequestsTo($"/actions/runs/{DispatchedRunId}").Count);
        Assert.Contains(run.Lines, l => l.Message == "run 1001 is in_progress");
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_run_did_not_succeed()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();
        github.RunProgress.Clear();
        github.RunProgress.AddRange([("in_progress", null), ("completed", "failure")]);

        var run = await rig.Run("github.workflow.status", ("repository", $"{Owner}/{Repo}"), ("runId", "1001"));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("concluded 'failure'", run.Failed.Message);
        Assert.Equal("failure", run.Outputs["conclusion"]);
    }

    [Fact]
    public async Task Should_report_the_current_status_at_once_when_told_not_to_wait()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();

        var run = (await rig.Run("github.workflow.status", ("repository", $"{Owner}/{Repo}"), ("runId", DispatchedRunId), ("wait", false))).Succeeded();

        Assert.Equal("queued", run.Outputs["status"]);
        Assert.Equal("", run.Outputs["conclusion"]);
        Assert.Single(github.Server.RequestsTo("/actions/runs/"));
    }

    [Fact]
    public async Task Should_fail_retryably_when_the_run_outlasts_the_timeout()
    {
        await using var github = await GitHubFake.StartAsync();
        await using var rig = github.Rig();
        github.RunProgress.Clear();
        github.RunProgress.Add(("in_progress", null));

        var failure = (await rig.Run("github.workflow.status", ("repository", $"{Owner}/{Repo}"), ("runId", DispatchedRunId), ("timeoutSeconds", 0.2))).Failed;

        Assert.True(failure.Retryable);
        Assert.Contains("still in_progress", failure.Message);
    }
}
