using System.Diagnostics;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Embedded.Tests;

public sealed class When_a_run_is_requested_in_embedded_mode
{
    [Fact]
    public async Task Should_succeed_and_keep_its_steps_and_log()
    {
        using var database = new EmbeddedDatabase();
        await using var host = await EmbeddedHost.StartAsync(database);

        var runId = await host.RequestRun(Plans.Of(
            Plans.Echo("hello", RunPhases.Preflight, "hello"),
            Plans.Sleep("pause", 0.2),
            Plans.Echo("goodbye", RunPhases.Verify, "goodbye")));

        var run = await host.WaitFor(runId, RunStatuses.Succeeded);
        Assert.Equal(1, run.Attempt);
        Assert.Equal("embedded-worker", run.ClaimedBy);

        var steps = await Eventually.Get(async () =>
        {
            var rows = await host.Steps(runId);
            return rows.Count == 3 && rows.All(s => s.Status == "succeeded") ? rows : null;
        }, TimeSpan.FromSeconds(10), "every step to be stored as succeeded");
        Assert.Equal(["hello", "pause", "goodbye"], steps.Select(s => s.StepId));
        Assert.All(steps, s => Assert.Equal(1, s.Attempt));

        // The last line is written just before the outcome, so once it is stored the log is complete.
        var lines = await Eventually.Get(async () =>
        {
            var rows = await host.LogLines(runId);
            return rows.Any(l => l.Message == "attempt succeeded") ? rows : null;
        }, TimeSpan.FromSeconds(10), "the whole log to be stored");
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(n => RunLogLine.SequenceOf(1, n)), lines.Select(l => l.Seq));
        Assert.All(lines, l => Assert.Equal(1, l.Attempt));
        Assert.Contains(lines, l => l.Source == "hello" && l.Message == "hello");
        Assert.Contains(lines, l => l.Source == "goodbye" && l.Message == "goodbye");
    }
}

public sealed class When_an_embedded_run_keeps_failing
{
    [Fact]
    public async Task Should_retry_after_the_backoff_and_fail_at_the_last_attempt()
    {
        using var database = new EmbeddedDatabase();
        await using var host = await EmbeddedHost.StartAsync(database);

        var runId = await host.RequestRun(Plans.Of(Plans.Fail("break", retryable: true)), maxAttempts: 2);

        var run = await host.WaitFor(runId, RunStatuses.Failed);
        Assert.Equal(2, run.Attempt);
        Assert.Equal(2, run.MaxAttempts);
        Assert.Contains("broken on purpose", run.Error);
    }
}

public sealed class When_an_embedded_run_is_cancelled
{
    [Fact]
    public async Task Should_stop_a_long_step_within_two_seconds()
    {
        using var database = new EmbeddedDatabase();
        await using var host = await EmbeddedHost.StartAsync(database);
        var runId = await host.RequestRun(Plans.Of(Plans.Sleep("wait", 60), Plans.Echo("report", RunPhases.Summarize, "proof")));
        await host.WaitFor(runId, RunStatuses.Running);

        var clock = Stopwatch.StartNew();
        await host.Publish(new CancelRun(runId, "embedded-test", "no longer needed"));
        var run = await host.WaitFor(runId, RunStatuses.Cancelled, deadline: TimeSpan.FromSeconds(10));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, run.Attempt);
        await Eventually.True(async () =>
        {
            var steps = (await host.Steps(runId)).ToDictionary(s => s.StepId, s => s.Status);
            return steps.GetValueOrDefault("wait") == "cancelled" && steps.GetValueOrDefault("report") == "succeeded";
        }, TimeSpan.FromSeconds(10), "the long step cancelled and the summary still run");
    }
}
