using OpsBus.Contracts;
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
            timeline =>
            {
                timeline.Kill(victim);
                return Task.CompletedTask;
            },
            result =>
            {
                var killedAt = result.Timeline.Killed[victim.Name];
                var limit = TimeSpan.FromSeconds(DistributedCluster.HeartbeatTimeoutSeconds + 2);
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
                return (violations, $"orphaned={orphans.Count} requeue_ms={FaultReport.Spread(requeued)}");
            });
    }
}
