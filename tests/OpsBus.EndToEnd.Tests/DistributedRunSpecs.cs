using System.Diagnostics;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_200_runs_flow_through_three_worker_processes
{
    [Fact]
    public async Task Should_run_every_plan_exactly_once_and_keep_session_lane_order()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var lanes = Lanes.Default;
        var sessions = new[] { "s1", "s2" };

        // One long run occupies each session-lane first, so the runs queued behind it must wait; once all of them wait,
        // the blockers are cancelled and the waiting runs must be admitted one at a time, by priority then request order.
        var blockers = new List<(Guid RunId, string Session, string Lane)>();
        foreach (var session in sessions)
        {
            foreach (var lane in lanes)
                blockers.Add((await cluster.Request(DistributedCluster.Plan(DistributedCluster.Sleep("hold", 300)), lane, session), session, lane));
        }
        foreach (var blocker in blockers)
            await cluster.WaitFor(blocker.RunId, r => r.Status is RunStatuses.Running, TimeSpan.FromSeconds(30), "blocker running");

        var requested = new List<(Guid RunId, string? Session, string Lane, int Priority, int Order)>();
        for (var i = 0; requested.Count + blockers.Count < 200; i++)
        {
            var lane = lanes[i % lanes.Count];
            var session = i % 2 == 0 ? sessions[i / 2 % 2] : null;
            var priority = session is not null && i % 3 == 0 ? 1 : 0;
            var plan = DistributedCluster.Plan(
                DistributedCluster.Echo("hello", $"run {i}"),
                DistributedCluster.Step("check", RunPhases.Verify, "echo", ("message", "verified")));
            requested.Add((await cluster.Request(plan, lane, session, priority), session, lane, priority, i));
        }

        foreach (var (session, lane) in sessions.SelectMany(s => lanes.Select(l => (s, l))))
        {
            var expectedWaiting = requested.Count(r => r.Session == session && r.Lane == lane);
            await Eventually.True(async () => await cluster.WaitingInSessionLane(session, lane) == expectedWaiting,
                TimeSpan.FromSeconds(60), $"{expectedWaiting} runs waiting in {session}/{lane}");
        }
        foreach (var blocker in blockers)
            await cluster.Bus.Publish(new CancelRun(blocker.RunId, "e2e", "let the queue go"));

        var all = blockers.Select(b => b.RunId).Concat(requested.Select(r => r.RunId)).ToList();
        foreach (var runId in all)
            await cluster.WaitFor(runId, r => RunStatuses.IsTerminal(r.Status), TimeSpan.FromSeconds(120), "terminal");
        foreach (var blocker in blockers)
            Assert.Equal(RunStatuses.Cancelled, (await cluster.Find(blocker.RunId))!.Status);
        foreach (var runId in requested.Select(r => r.RunId))
        {
            var run = await cluster.Find(runId);
            Assert.True(run!.Status == RunStatuses.Succeeded, $"run {runId} is {run.Status}: {run.Error}\n{cluster.Diagnostics()}");
        }

        var journal = cluster.Journal();
        foreach (var runId in all)
        {
            var started = journal.Where(e => e.RunId == runId && e.Event == "started").ToList();
            Assert.Single(started);
            Assert.Equal(1, started[0].Attempt);
            Assert.Single(journal, e => e.RunId == runId && e.Event == "finished");
        }
        Assert.True(journal.Select(e => e.WorkerId).Distinct().Count() > 1, "the work was spread over several workers");

        foreach (var session in sessions)
        {
            foreach (var lane in lanes)
            {
                var blocker = blockers.Single(b => b.Session == session && b.Lane == lane).RunId;
                var expected = requested.Where(r => r.Session == session && r.Lane == lane)
                    .OrderByDescending(r => r.Priority).ThenBy(r => r.Order).Select(r => r.RunId).Prepend(blocker).ToList();
                var executed = journal.Where(e => e.Event == "started" && expected.Contains(e.RunId)).OrderBy(e => e.At).ToList();
                Assert.Equal(expected, executed.Select(e => e.RunId).ToList());

                for (var k = 1; k < executed.Count; k++)
                {
                    var previousFinished = journal.Single(e => e.Event == "finished" && e.RunId == executed[k - 1].RunId).At;
                    Assert.True(previousFinished <= executed[k].At, $"session {session} lane {lane}: runs overlapped");
                }
            }
        }
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_a_worker_process_is_killed_mid_run
{
    [Fact]
    public async Task Should_complete_the_run_on_another_worker_as_attempt_two()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var runId = await cluster.Request(DistributedCluster.Plan(DistributedCluster.Sleep("work", 2)));
        var running = await cluster.WaitFor(runId, r => r.Status == RunStatuses.Running, TimeSpan.FromSeconds(30), "running");
        var victim = cluster.Workers.Single(w => w.Name == running.ClaimedBy);

        var killedAt = Stopwatch.StartNew();
        victim.KillHard();

        var requeued = await cluster.WaitFor(runId, r => r.Attempt == 2 && r.Status == RunStatuses.Running,
            TimeSpan.FromSeconds(DistributedCluster.HeartbeatTimeoutSeconds + 5), "running again as attempt 2");
        var runningAgainAfter = killedAt.Elapsed;
        var done = await cluster.WaitFor(runId, r => RunStatuses.IsTerminal(r.Status), TimeSpan.FromSeconds(60), "finished after the kill");
        killedAt.Stop();
        Console.WriteLine($"kill -9 → running again as attempt 2 on {requeued.ClaimedBy} after {runningAgainAfter.TotalSeconds:0.00} s, succeeded after {killedAt.Elapsed.TotalSeconds:0.00} s");
        Assert.True(done.Status == RunStatuses.Succeeded, $"{done.Status}: {done.Error}\n{cluster.Diagnostics()}");
        Assert.Equal(2, done.Attempt);
        Assert.NotEqual(victim.Name, done.ClaimedBy ?? cluster.Journal().Single(e => e.RunId == runId && e.Attempt == 2 && e.Event == "started").WorkerId);
        Assert.True(runningAgainAfter < TimeSpan.FromSeconds(DistributedCluster.HeartbeatTimeoutSeconds + 5), $"running again after {runningAgainAfter}");

        var journal = cluster.Journal().Where(e => e.RunId == runId).ToList();
        Assert.Single(journal, e => e.Event == "started" && e.Attempt == 1 && e.WorkerId == victim.Name);
        Assert.DoesNotContain(journal, e => e.Event == "finished" && e.Attempt == 1);
        var second = Assert.Single(journal, e => e.Event == "started" && e.Attempt == 2);
        Assert.NotEqual(victim.Name, second.WorkerId);
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_a_long_running_run_is_cancelled
{
    [Fact]
    public async Task Should_be_cancelled_within_two_seconds()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var runId = await cluster.Request(DistributedCluster.Plan(
            DistributedCluster.Sleep("wait", 60),
            DistributedCluster.Step("report", RunPhases.Summarize, "echo", ("message", "summary"))));
        await cluster.WaitFor(runId, r => r.Status == RunStatuses.Running, TimeSpan.FromSeconds(30), "running");

        var cancelledIn = Stopwatch.StartNew();
        await cluster.Bus.Publish(new CancelRun(runId, "e2e", "operator changed their mind"));
        var run = await cluster.WaitFor(runId, r => RunStatuses.IsTerminal(r.Status), TimeSpan.FromSeconds(2), "cancelled");
        cancelledIn.Stop();

        Assert.Equal(RunStatuses.Cancelled, run.Status);
        Assert.NotNull(run.CancelAcknowledgedAt);
        var journal = cluster.Journal().Where(e => e.RunId == runId).ToList();
        Assert.Single(journal, e => e.Event == "finished" && e.Outcome == "cancelled");
    }
}

[CollectionDefinition(nameof(DistributedCollection), DisableParallelization = true)]
public sealed class DistributedCollection;
