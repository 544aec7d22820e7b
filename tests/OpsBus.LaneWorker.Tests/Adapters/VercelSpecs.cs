using System.Text.Json;
using static OpsBus.LaneWorker.Tests.Adapters.VercelFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_lists_vercel_deployments
{
    [Fact]
    public async Task Should_log_them_and_report_the_latest()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();

        var run = (await rig.Run("vercel.deployments.list", ("limit", 5))).Succeeded();

        Assert.Equal("2", run.Outputs["count"]);
        Assert.Equal("dpl_old2", run.Outputs["latestId"]);
        Assert.Equal("https://shop-old2.vercel.app", run.Outputs["latestUrl"]);
        Assert.Equal("READY", run.Outputs["latestState"]);
        Assert.Contains(run.Lines, l => l.Message.StartsWith("dpl_old1 ERROR", StringComparison.Ordinal));
        var call = vercel.Server.RequestsTo("/v6/deployments").Single();
        Assert.Contains($"projectId={Project}", call.Query);
        Assert.Contains($"teamId={TeamId}", call.Query);
    }
}

public sealed class When_a_plan_deploys_to_vercel
{
    [Fact]
    public async Task Should_create_a_git_deployment_and_wait_until_it_is_ready()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();

        var run = (await rig.Run("vercel.deploy", ("ref", "main"), ("repo", "acme/shop"), ("target", "production"))).Succeeded();

        Assert.Equal(CreatedId, run.Outputs["id"]);
        Assert.Equal($"https://{CreatedId}.vercel.app", run.Outputs["url"]);
        Assert.Equal("READY", run.Outputs["state"]);
        Assert.Equal(3, vercel.Server.RequestsTo($"/v13/deployments/{CreatedId}").Count);
        var body = JsonDocument.Parse(vercel.Server.RequestsTo("/v13/deployments").First(r => r.Method == "POST").Body).RootElement;
        Assert.Equal(Project, body.GetProperty("name").GetString());
        Assert.Equal("production", body.GetProperty("target").GetString());
        var source = body.GetProperty("gitSource");
        Assert.Equal(("github", "main", "acme", "shop"),
            (source.GetProperty("type").GetString(), source.GetProperty("ref").GetString(), source.GetProperty("org").GetString(), source.GetProperty("repo").GetString()));
    }

    [Fact]
    public async Task Should_follow_the_deployment_a_deploy_hook_started()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();

        var run = (await rig.Run("vercel.deploy", ("deployHookUrl", new Uri(vercel.Server.BaseAddress, HookPath).ToString()))).Succeeded();

        Assert.Equal(HookedId, run.Outputs["id"]);
        Assert.Equal("READY", run.Outputs["state"]);
        Assert.DoesNotContain("h00kS3cret", run.Visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_build_errors()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();
        vercel.Progress.Clear();
        vercel.Progress.AddRange(["BUILDING", "ERROR"]);

        var failure = (await rig.Run("vercel.deploy", ("ref", "main"), ("repoId", "123"))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains($"deployment {CreatedId} ended ERROR: Build failed: exit 1", failure.Message);
    }

    [Fact]
    public async Task Should_refuse_a_git_deployment_without_a_repository()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();

        var failure = (await rig.Run("vercel.deploy", ("ref", "main"))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("'repo' (org/name) or 'repoId' is required", failure.Message);
        Assert.Empty(vercel.Server.Requests);
    }
}

public sealed class When_a_plan_reads_vercel_build_logs
{
    [Fact]
    public async Task Should_write_each_line_to_the_run_log_and_attach_them_as_a_file()
    {
        await using var vercel = await VercelFake.StartAsync();
        await using var rig = vercel.Rig();

        var run = (await rig.Run("vercel.logs", ("deployment", "https://dpl_old2.vercel.app"))).Succeeded();

        Assert.Equal("3", run.Outputs["count"]);
        Assert.Contains(run.Lines, l => l.Level == "info" && l.Message == "compiled 12 pages");
        Assert.Contains(run.Lines, l => l.Level == "error" && l.Message == "warning: large bundle");
        Assert.Single(vercel.Server.RequestsTo("/v3/deployments/dpl_old2.vercel.app/events"));
        var log = Assert.Single(run.Artifacts);
        Assert.Equal(("vercel-dpl_old2.vercel.app.log", "file", "text/plain; charset=utf-8"), (log.Artifact.Name, log.Artifact.Kind, log.Artifact.ContentType));
        var lines = System.Text.Encoding.UTF8.GetString(log.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("compiled 12 pages", lines);
        Assert.Contains("warning: large bundle", lines);
    }
}

public sealed class When_the_vercel_api_misbehaves : VendorFaultSpecs
{
    private protected override async Task<VendorFake> StartFake() => await VercelFake.StartAsync();

    private protected override (string Action, (string Name, object Value)[] Inputs) Probe => ("vercel.deployments.list", []);

    private protected override string ProbePath => "/v6/deployments";
}
