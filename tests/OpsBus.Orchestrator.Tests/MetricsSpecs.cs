using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Telemetry;
using OpsBus.Testing;
using OpsBus.Testing.Telemetry;

namespace OpsBus.Orchestrator.Tests;

public sealed class When_the_orchestrator_recovers_a_run_from_a_silent_worker
{
    [Fact]
    public async Task Should_count_the_recovery_as_worker_lost_and_every_transition_on_its_lane()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        using var measured = new RecordedMeasurements(orchestrator.Services.GetRequiredService<IMeterFactory>(), RunMetrics.MeterName);
        var runId = await orchestrator.RequestRun(lane: "B");
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);

        await orchestrator.Advance(TimeSpan.FromSeconds(31));
        await orchestrator.WaitFor(runId, RunStatuses.Queued, r => r.Attempt == 2);

        var requeued = Assert.Single(measured.Of("opsbus.runs.requeued"));
        Assert.Equal((1, RequeueReasons.WorkerLost, "lane-b"), (requeued.Value, requeued.Tag("reason"), requeued.Tag("lane")));
        Assert.Equal(
            ["none→queued", "queued→claimed", "claimed→running", "running→queued"],
            measured.Of("opsbus.runs.transitions").Select(m => $"{m.Tag("from")}→{m.Tag("to")}"));
        Assert.All(measured.Of("opsbus.runs.transitions"), m => Assert.Equal("lane-b", m.Tag("lane")));
    }

    [Fact]
    public async Task Should_record_how_long_the_worker_had_been_silent_when_a_heartbeat_arrives()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        using var measured = new RecordedMeasurements(orchestrator.Services.GetRequiredService<IMeterFactory>(), RunMetrics.MeterName);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.MustClaim(runId, 1);
        var sinceStart = Stopwatch.StartNew();
        await orchestrator.Publish(new RunStarted(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Running);

        await orchestrator.Advance(TimeSpan.FromSeconds(12));
        await orchestrator.HeartbeatAndWait(runId);

        // The harness's clock is real time plus what the test skipped.
        var age = Assert.Single(measured.Of("opsbus.runs.heartbeat.age"));
        Assert.InRange(age.Value, 12, 12 + sinceStart.Elapsed.TotalSeconds);
    }
}

public sealed class When_a_worker_reports_a_cancelled_run
{
    [Fact]
    public async Task Should_record_the_latency_from_the_cancel_request()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync();
        using var measured = new RecordedMeasurements(orchestrator.Services.GetRequiredService<IMeterFactory>(), RunMetrics.MeterName);
        var runId = await orchestrator.RequestRun();
        await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.StartFirstAttempt(runId);
        var cancelled = Stopwatch.StartNew();

        await orchestrator.Publish(new CancelRun(runId, "bob"));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelling);
        await orchestrator.Publish(new RunCancelled(runId, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(runId, RunStatuses.Cancelled);

        var latency = Assert.Single(measured.Of("opsbus.runs.cancel.duration"));
        Assert.InRange(latency.Value, 0, cancelled.Elapsed.TotalSeconds);
        Assert.Equal("lane-a", latency.Tag("lane"));
    }
}

public sealed class When_runs_wait_in_a_lane_and_run
{
    [Fact]
    public async Task Should_report_runs_per_status_the_lane_queue_depth_and_the_oldest_sign_of_life()
    {
        await using var orchestrator = await OrchestratorHarness.StartAsync(heartbeatTimeoutSeconds: 30);
        using var measured = new RecordedMeasurements(orchestrator.Services.GetRequiredService<IMeterFactory>(), RunMetrics.MeterName);
        var running = await orchestrator.RequestRun(lane: "C");
        await orchestrator.WaitForDispatch(running, 1);
        await orchestrator.MustClaim(running, 1);
        var sinceStart = Stopwatch.StartNew();
        await orchestrator.Publish(new RunStarted(running, 1, "worker-1", DateTime.UtcNow));
        await orchestrator.WaitFor(running, RunStatuses.Running);
        var waiting = new[] { await orchestrator.RequestRun(lane: "C"), await orchestrator.RequestRun(lane: "C") };
        foreach (var runId in waiting)
            await orchestrator.WaitForDispatch(runId, 1);
        await orchestrator.Advance(TimeSpan.FromSeconds(7));

        var active = measured.Observe("opsbus.runs.active");
        var depth = measured.Observe("opsbus.lanes.queue_depth");
        var silence = measured.Observe("opsbus.runs.heartbeat.max_age");

        Assert.Equal(1, active.Single(m => m.Tag("status") == RunStatuses.Running && m.Tag("lane") == "lane-c").Value);
        Assert.Equal(2, active.Single(m => m.Tag("status") == RunStatuses.Queued && m.Tag("lane") == "lane-c").Value);
        Assert.Equal(0, active.Single(m => m.Tag("status") == RunStatuses.Queued && m.Tag("lane") == "lane-a").Value);
        Assert.Equal(2, depth.Single(m => m.Tag("lane") == "lane-c").Value);
        Assert.Equal(0, depth.Single(m => m.Tag("lane") == "lane-d").Value);
        Assert.InRange(silence.Single(m => m.Tag("lane") == "lane-c").Value, 7, 7 + sinceStart.Elapsed.TotalSeconds);
    }
}
