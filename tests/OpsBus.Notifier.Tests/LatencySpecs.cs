using System.Diagnostics;
using OpsBus.Contracts;
using Xunit.Abstractions;

namespace OpsBus.Notifier.Tests;

/// <summary>Measures, asserts nothing about time: the benchmark judges speed, this only reports it.</summary>
public sealed class When_two_hundred_statuses_change(ITestOutputHelper output)
{
    private static readonly string[] Lifecycle = [RunStatuses.Queued, RunStatuses.Claimed, RunStatuses.Running, RunStatuses.Succeeded];

    [Fact]
    public async Task Should_deliver_every_one_in_order_and_report_the_latency()
    {
        await using var host = await NotifierHost.StartAsync();
        var auditor = await host.Connect("carol:auditor");
        await auditor.SubscribeAll();
        await WarmUp(host, auditor);

        var oneAtATime = new List<double>();
        foreach (var change in await Changes(host))
        {
            var publishedAt = Stopwatch.GetTimestamp();
            await host.Publish(change);
            var update = await auditor.NextUpdateReceived();
            Assert.Equal((change.RunId, change.Status), (update.Payload.GetProperty("id").GetGuid(), update.Payload.GetProperty("status").GetString()));
            oneAtATime.Add(Stopwatch.GetElapsedTime(publishedAt, update.At).TotalMilliseconds);
        }
        Report("one at a time", oneAtATime);

        var burst = await Changes(host);
        var publishedAtByChange = new Dictionary<(Guid, string), long>();
        foreach (var change in burst)
        {
            publishedAtByChange[(change.RunId, change.Status)] = Stopwatch.GetTimestamp();
            await host.Publish(change);
        }
        var received = new List<(Guid RunId, string Status, double Milliseconds)>();
        foreach (var _ in burst)
        {
            var update = await auditor.NextUpdateReceived();
            var key = (update.Payload.GetProperty("id").GetGuid(), update.Payload.GetProperty("status").GetString()!);
            received.Add((key.Item1, key.Item2, Stopwatch.GetElapsedTime(publishedAtByChange[key], update.At).TotalMilliseconds));
        }
        Report("in one burst", [.. received.Select(r => r.Milliseconds)]);

        Assert.Equal(200, oneAtATime.Count);
        Assert.Equal(200, received.Count);
        Assert.All(burst.GroupBy(c => c.RunId), run => Assert.Equal(Lifecycle, received.Where(r => r.RunId == run.Key).Select(r => r.Status)));
    }

    /// <summary>50 runs through queued → claimed → running → succeeded, their requests already heard.</summary>
    private static async Task<IReadOnlyList<RunStatusChanged>> Changes(NotifierHost host)
    {
        var runs = Enumerable.Range(0, 50).Select(_ => TestRun.By("alice")).ToList();
        foreach (var run in runs)
            await host.PublishAndWait(run.Requested());
        return [.. runs.SelectMany(run => Lifecycle.Select((status, i) => run.Status(status, i == 0 ? null : Lifecycle[i - 1])))];
    }

    /// <summary>One push first, so that first-use costs (JSON metadata, JIT) are not counted as latency.</summary>
    private static async Task WarmUp(NotifierHost host, RunsClient client)
    {
        var run = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        await host.Publish(run.Status(RunStatuses.Queued));
        await host.Publish(run.Log("warm-up"));
        await client.NextUpdate();
        await client.NextLog();
    }

    private void Report(string how, List<double> milliseconds)
    {
        milliseconds.Sort();
        output.WriteLine(
            $"status change -> client, {milliseconds.Count} events {how}: p50 {Percentile(milliseconds, 0.50):0.0} ms, " +
            $"p95 {Percentile(milliseconds, 0.95):0.0} ms, p99 {Percentile(milliseconds, 0.99):0.0} ms, max {milliseconds[^1]:0.0} ms");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
