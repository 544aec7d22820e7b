using OpsBus.Testing;
using Xunit.Abstractions;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>Default shape of a fault scenario: 10 runs/s for 16 s, the fault 6 s in (the script raises the rate and length).</summary>
internal static class FaultDefaults
{
    public static readonly (double Rate, TimeSpan Duration) Load = FaultLoad.Settings(10, TimeSpan.FromSeconds(16));

    public static readonly (TimeSpan Duration, TimeSpan FaultAfter) Schedule = FaultScenario.Schedule(TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(6));
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_a_lane_worker_is_killed_under_load(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_run_its_attempts_on_other_workers_within_the_heartbeat_timeout()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        var victim = cluster.Workers[0];
        var (duration, faultAfter) = FaultDefaults.Schedule;

        await new FaultScenario("kill-worker", cluster, load, output).RunAsync(duration, faultAfter,
            async timeline =>
            {
                // The busiest worker, so that the kill catches attempts mid-run.
                victim = await Eventually.Get(() => Task.FromResult(BusiestWorker(cluster)), TimeSpan.FromSeconds(30), "a worker running an attempt");
                timeline.Kill(victim);
            },
            result =>
            {
                var killedAt = result.Timeline.Killed[victim.Name];
                // The bound (heartbeat timeout + 2 s) is enforced by scripts/faults.sh on a machine of its own
                // (OPSBUS_FAULTS_STRICT_TIMING=1); inside the test command, with every other suite running in parallel,
                // the spec holds it to four heartbeat timeouts and reports the figures.
                var limit = Environment.GetEnvironmentVariable("OPSBUS_FAULTS_STRICT_TIMING") == "1"
                    ? TimeSpan.FromSeconds(DistributedCluster.HeartbeatTimeoutSeconds + 2)
                    : TimeSpan.FromSeconds(DistributedCluster.HeartbeatTimeoutSeconds * 4);
                var orphans = result.Executions.Where(e => e.WorkerId == victim.Name && e.Outcome is null).ToList();
                var violations = new List<string>();
                var requeued = new List<TimeSpan>();
                foreach (var orphan in orphans)
                {
                    var next = result.Executions.Where(e => e.RunId == orphan.RunId && e.Attempt > orphan.Attempt).MinBy(e => e.StartedAt);
                    if (next is null || next.WorkerId == victim.Name)
                    {
                        violations.Add($"run {orphan.RunId}: attempt {orphan.Attempt} died with {victim.Name} and never ran elsewhere");
                        continue;
                    }
                    var after = next.StartedAt - killedAt;
                    requeued.Add(after);
                    if (after > limit)
                        violations.Add($"run {orphan.RunId}: running again on {next.WorkerId} {after.TotalSeconds:0.00} s after the kill (limit {limit.TotalSeconds} s)");
                }
                if (orphans.Count == 0)
                    violations.Add($"{victim.Name} was running nothing when it was killed: the scenario proved nothing");
                return (violations, $"victim={victim.Name} orphaned={orphans.Count} requeue_ms={FaultReport.Spread(requeued)}");
            });
    }

    private static ServiceProcess? BusiestWorker(DistributedCluster cluster)
    {
        var open = FaultInvariants.Executions(cluster.Journal(), new Dictionary<string, DateTime>())
            .Where(e => e.FinishedAt is null)
            .GroupBy(e => e.WorkerId)
            .MaxBy(g => g.Count());
        return open is null ? null : cluster.Workers.Single(w => w.Name == open.Key);
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_the_orchestrator_is_killed_under_load(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_finish_every_accepted_run_once_it_is_back()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        var (duration, faultAfter) = FaultDefaults.Schedule;

        await new FaultScenario("kill-orchestrator", cluster, load, output).RunAsync(duration, faultAfter, async timeline =>
        {
            timeline.Kill(cluster.Orchestrator);
            await cluster.Orchestrator.Restart();
            await cluster.Orchestrator.WaitUntilStarted(TimeSpan.FromSeconds(90));
        });
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_two_orchestrators_compete_under_load(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_execute_no_plan_twice_at_once()
    {
        await using var cluster = await DistributedCluster.StartAsync();
        var load = FaultLoad.OverTheBus(cluster, FaultDefaults.Load.Rate);
        var (duration, faultAfter) = FaultDefaults.Schedule;

        await new FaultScenario("two-orchestrators", cluster, load, output).RunAsync(duration, faultAfter,
            async _ => await cluster.StartAnotherOrchestrator());
    }
}

/// <summary>The edge services: killed with kill -9 and started again, as their supervisor would, while clients submit through the gateway.</summary>
public abstract class EdgeProcessKilledUnderLoad(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, string> UnlimitedClients = new Dictionary<string, string>
    {
        ["Gateway__RateLimit__TokenLimit"] = "100000",
        ["Gateway__RateLimit__TokensPerPeriod"] = "100000",
    };

    protected async Task KillAndRestart(string service)
    {
        await using var cluster = await DistributedCluster.StartAsync(new ClusterOptions { WithEdge = true, GatewaySettings = UnlimitedClients });
        using var gateway = When_an_operator_drives_runs_through_the_gateway.Client(cluster.GatewayUrl, DistributedCluster.AdminKey);
        var load = FaultLoad.ThroughTheGateway(gateway, FaultDefaults.Load.Rate);
        var victim = cluster.Edge.Single(p => p.Name == service);
        var (duration, faultAfter) = FaultDefaults.Schedule;

        await new FaultScenario($"kill-{service}", cluster, load, output).RunAsync(duration, faultAfter, async timeline =>
        {
            timeline.Kill(victim);
            await victim.Restart();
            await victim.WaitUntilReady(TimeSpan.FromSeconds(90));
        });
    }
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_the_gateway_is_killed_under_load(ITestOutputHelper output) : EdgeProcessKilledUnderLoad(output)
{
    [Fact]
    public Task Should_finish_every_run_it_accepted() => KillAndRestart("gateway");
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_the_notifier_is_killed_under_load(ITestOutputHelper output) : EdgeProcessKilledUnderLoad(output)
{
    [Fact]
    public Task Should_finish_every_accepted_run_and_lose_no_log_line() => KillAndRestart("notifier");
}

[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
[Trait("Category", "Faults")]
public sealed class When_the_artifacts_service_is_killed_under_load(ITestOutputHelper output) : EdgeProcessKilledUnderLoad(output)
{
    [Fact]
    public Task Should_finish_every_accepted_run() => KillAndRestart("artifacts");
}
