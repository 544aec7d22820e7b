using System.Diagnostics;
using OpsBus.Contracts;
using Xunit.Abstractions;

namespace OpsBus.Notifier.Tests;

public sealed class When_the_orchestrator_does_not_answer_for_a_run_this_instance_never_saw_requested(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_push_the_snapshot_built_from_the_event_without_waiting_for_the_answer()
    {
        // The request would wait 30 s; the push must not.
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?> { ["Notifier:OrchestratorTimeout"] = "00:00:30" });
        host.Orchestrator.Silent = true;
        var run = TestRun.By("alice", "s-1");
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeAll();

        var clock = Stopwatch.StartNew();
        await host.Publish(run.Status(RunStatuses.Running, RunStatuses.Claimed));
        var running = await alice.NextUpdate();
        output.WriteLine($"pushed after {clock.Elapsed.TotalMilliseconds:0} ms without an answer");

        Assert.Equal(RunStatuses.Running, running.Status);
        Assert.Equal("alice", running.RequestedBy);
        Assert.Equal("s-1", running.SessionId);
        Assert.Equal("worker-1", running.ClaimedBy);
        Assert.Empty(running.Steps);
        Assert.Equal([run.Id], host.Orchestrator.Requests);
    }

    [Fact]
    public async Task Should_ask_only_once_while_the_question_is_open()
    {
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?> { ["Notifier:OrchestratorTimeout"] = "00:00:30" });
        host.Orchestrator.Silent = true;
        var run = TestRun.By("alice");
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeAll();

        await host.Publish(run.Status(RunStatuses.Claimed, RunStatuses.Queued));
        await host.Publish(run.StepStarted("greet"));
        await host.Publish(run.Status(RunStatuses.Running, RunStatuses.Claimed));

        Assert.Equal(RunStatuses.Claimed, (await alice.NextUpdate()).Status);
        var running = await alice.NextUpdate();
        Assert.Equal(RunStatuses.Running, running.Status);
        Assert.Equal([("greet", "running")], running.Steps.Select(s => (s.Id, s.Status)));
        Assert.Single(host.Orchestrator.Requests);
    }
}

public sealed class When_the_orchestrator_answers_for_a_run_this_instance_never_saw_requested
{
    [Fact]
    public async Task Should_take_the_steps_from_its_snapshot_and_the_status_from_the_event()
    {
        // A budget no slow machine exceeds, so the answer is always waited for here.
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?> { ["Notifier:SnapshotBudget"] = "00:00:05" });
        var run = TestRun.By("alice");
        host.Orchestrator.Knows(run.Snapshot(RunStatuses.Claimed,
            new StepSnapshot("greet", "Say hello", RunPhases.Action, "echo", "pending", null, null, null),
            new StepSnapshot("report", "Report", RunPhases.Summarize, "echo", "pending", null, null, null)));
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeAll();

        await host.Publish(run.Status(RunStatuses.Running, RunStatuses.Claimed));
        await host.Publish(run.StepStarted("greet"));
        await host.Publish(run.StepFinished("greet", "failed"));
        await host.Publish(run.Status(RunStatuses.Failed, RunStatuses.Running));

        var running = await alice.NextUpdate();
        Assert.Equal(RunStatuses.Running, running.Status);
        Assert.Equal([("greet", "Say hello", "pending"), ("report", "Report", "pending")], running.Steps.Select(s => (s.Id, s.Title, s.Status)));
        var failed = await alice.NextUpdate();
        Assert.Equal([("greet", "failed", "it broke"), ("report", "pending", null)], failed.Steps.Select(s => (s.Id, s.Status, s.Error)));
        Assert.Single(host.Orchestrator.Requests);
    }
}
