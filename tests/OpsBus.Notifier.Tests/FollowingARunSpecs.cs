using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.Notifier.Tests;

public sealed class When_a_client_follows_a_run
{
    [Fact]
    public async Task Should_receive_every_status_change_in_order_with_the_steps()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        host.Orchestrator.Knows(run.Snapshot(RunStatuses.Queued));
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);

        await host.Publish(run.Status(RunStatuses.Queued));
        await host.Publish(run.Status(RunStatuses.Claimed, RunStatuses.Queued));
        await host.Publish(run.StepStarted("greet"));
        await host.Publish(run.Status(RunStatuses.Running, RunStatuses.Claimed));
        await host.Publish(run.StepFinished("greet"));
        await host.Publish(run.StepStarted("report"));
        await host.Publish(run.StepFinished("report"));
        await host.Publish(run.Status(RunStatuses.Succeeded, RunStatuses.Running));

        var queued = await alice.NextUpdate();
        var claimed = await alice.NextUpdate();
        var running = await alice.NextUpdate();
        var succeeded = await alice.NextUpdate();
        Assert.Equal(
            [RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Succeeded],
            new[] { queued, claimed, running, succeeded }.Select(s => s.Status));
        Assert.All(new[] { queued, claimed, running, succeeded }, s => Assert.Equal(run.Id, s.Id));
        Assert.Equal(["greet", "report"], succeeded.Steps.Select(s => s.Id));
        Assert.Equal(["pending", "pending"], queued.Steps.Select(s => s.Status));
        Assert.Equal(["running", "pending"], running.Steps.Select(s => s.Status));
        Assert.Equal(["succeeded", "succeeded"], succeeded.Steps.Select(s => s.Status));
        Assert.Equal("Say hello", succeeded.Steps[0].Title);
        Assert.Equal("alice", succeeded.RequestedBy);
        Assert.Equal("worker-1", succeeded.ClaimedBy);
        Assert.NotNull(succeeded.FinishedAt);
        Assert.Empty(host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_receive_the_snapshot_in_the_shape_of_the_runs_api()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice", sessionId: "s-1");
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);

        await host.Publish(run.Status(RunStatuses.Queued));

        var json = (await alice.NextUpdateReceived()).Payload;
        Assert.Equal(
            ["id", "status", "attempt", "maxAttempts", "lane", "sessionId", "template", "environment", "priority", "claimedBy", "createdAt",
                "claimedAt", "startedAt", "heartbeatAt", "finishedAt", "error", "requestedBy", "retryOf", "steps", "templateVersion", "parameters",
                "planHash", "risk", "requiresApproval", "approval", "trigger"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["id", "title", "phase", "action", "status", "startedAt", "finishedAt", "error"],
            json.GetProperty("steps")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("queued", json.GetProperty("status").GetString());
        Assert.Equal("s-1", json.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Should_see_what_an_approver_must_approve()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);
        var expiresAt = DateTime.UtcNow.AddHours(1);

        await host.Publish(run.Status(RunStatuses.AwaitingApproval) with
        {
            TemplateVersion = 2,
            Parameters = new Dictionary<string, string> { ["service"] = "web", ["token"] = "***" },
            PlanHash = "ab12",
            Risk = "write",
            RequiresApproval = true,
            Approval = new RunApproval("pending", "ab12", "write", expiresAt, null, null, null),
        });

        var json = (await alice.NextUpdateReceived()).Payload;
        Assert.Equal(RunStatuses.AwaitingApproval, json.GetProperty("status").GetString());
        Assert.Equal("ab12", json.GetProperty("approval").GetProperty("planHash").GetString());
        Assert.Equal("pending", json.GetProperty("approval").GetProperty("status").GetString());
        Assert.Equal("***", json.GetProperty("parameters").GetProperty("token").GetString());
        Assert.Equal(2, json.GetProperty("templateVersion").GetInt32());
    }

    [Fact]
    public async Task Should_hear_of_each_artifact_stored_for_the_run_and_not_of_others()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        var bobs = TestRun.By("bob");
        await host.PublishAndWait(run.Requested());
        await host.PublishAndWait(bobs.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeAll();

        await host.Publish(new ArtifactStored(bobs.Id, Guid.NewGuid(), "file", "secret.txt", "text/plain", 3, "abc", null, "bob", DateTime.UtcNow));
        var stored = new ArtifactStored(run.Id, Guid.NewGuid(), "diff", "migration.sql", "text/x-diff", 42, "00ff", null, "worker-1", DateTime.UtcNow);
        await host.Publish(stored);

        var json = (await alice.NextArtifactReceived()).Payload;
        Assert.Equal(stored.ArtifactId, json.GetProperty("artifactId").GetGuid());
        Assert.Equal(run.Id, json.GetProperty("runId").GetGuid());
        Assert.Equal("migration.sql", json.GetProperty("name").GetString());
        Assert.Equal(42, json.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Should_receive_the_log_lines()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);

        var appended = run.Log("hello", "world");
        await host.Publish(appended);

        var received = await alice.NextLogReceived();
        var json = received.Payload;
        Assert.Equal(["runId", "items"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["seq", "ts", "level", "source", "message", "data"], json.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));

        var batch = json.Deserialize<Hubs.RunLogBatch>(JsonSerializerOptions.Web)!;
        Assert.Equal(run.Id, batch.RunId);
        Assert.Equal(["hello", "world"], batch.Items.Select(i => i.Message));
        Assert.Equal(appended.Lines.Select(l => l.Seq), batch.Items.Select(i => i.Seq));
        Assert.All(batch.Items, i => Assert.Equal("info", i.Level));
        Assert.Equal(1, batch.Items[0].Data!.Value.GetProperty("line").GetInt32());
        Assert.Null(batch.Items[1].Data);
    }
}

public sealed class When_a_client_unsubscribes_from_a_run
{
    [Fact]
    public async Task Should_receive_no_more_of_its_updates()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("alice");
        var other = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        await host.PublishAndWait(other.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);
        await host.Publish(run.Status(RunStatuses.Queued));
        Assert.Equal(RunStatuses.Queued, (await alice.NextUpdate()).Status);

        await alice.UnsubscribeRun(run.Id);
        await host.PublishAndWait(run.Status(RunStatuses.Claimed, RunStatuses.Queued));
        await alice.SubscribeRun(other.Id);
        await host.Publish(other.Status(RunStatuses.Queued));

        Assert.Equal(other.Id, (await alice.NextUpdate()).Id);
    }
}

public sealed class When_a_client_follows_a_run_through_several_subscriptions
{
    [Fact]
    public async Task Should_receive_each_update_once()
    {
        await using var host = await NotifierHost.StartAsync();
        var run = TestRun.By("bob", sessionId: "s-1");
        await host.PublishAndWait(run.Requested());
        var auditor = await host.Connect("carol:auditor");
        await auditor.SubscribeAll();
        await auditor.SubscribeSession("s-1");
        await auditor.SubscribeRun(run.Id);

        await host.PublishAndWait(run.Status(RunStatuses.Queued));
        await host.Publish(run.Status(RunStatuses.Claimed, RunStatuses.Queued));

        Assert.Equal(RunStatuses.Queued, (await auditor.NextUpdate()).Status);
        Assert.Equal(RunStatuses.Claimed, (await auditor.NextUpdate()).Status);
    }
}
