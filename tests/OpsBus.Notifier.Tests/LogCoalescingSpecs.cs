using System.Diagnostics;
using OpsBus.Contracts;
using OpsBus.Notifier.Hubs;

namespace OpsBus.Notifier.Tests;

public sealed class When_a_run_logs_a_burst_of_batches
{
    private const int Batches = 300;
    private const int LinesPerBatch = 10;

    [Fact]
    public async Task Should_deliver_every_line_once_each_message_in_order_in_far_fewer_messages()
    {
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?>
        {
            ["Notifier:LogCoalesceWindow"] = "00:00:00.100",
            ["Notifier:LogCoalesceMaxLines"] = "500",
        });
        var run = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);

        for (var batch = 0; batch < Batches; batch++)
            await host.Publish(Batch(run.Id, batch));

        var seqs = new List<long>();
        var messages = new List<RunLogBatch>();
        while (seqs.Count < Batches * LinesPerBatch)
        {
            var message = await alice.NextLog();
            Assert.Equal(run.Id, message.RunId);
            messages.Add(message);
            seqs.AddRange(message.Items.Select(i => i.Seq));
        }

        // Concurrent receivers may hand two adjacent batches to the run's partition swapped, so a line can cross into the
        // next push; followers order by seq (the UI and the CLI do). Within a push, lines are in order.
        Assert.Equal(Enumerable.Range(1, Batches * LinesPerBatch).Select(n => RunLogLine.SequenceOf(1, n)), seqs.Order());
        Assert.Equal(seqs.Select(s => $"line {(int)s}"), messages.SelectMany(m => m.Items).Select(i => i.Message));
        Assert.All(messages, m => Assert.Equal(m.Items.Select(i => i.Seq).Order(), m.Items.Select(i => i.Seq)));
        Assert.True(messages.Count <= Batches / 5, $"{Batches} batches came as {messages.Count} messages");
        Assert.All(messages, m => Assert.InRange(m.Items.Count, 1, 500 + LinesPerBatch));
    }

    private static RunLogAppended Batch(Guid runId, int batch) =>
        new(runId, 1, [.. Enumerable.Range(batch * LinesPerBatch + 1, LinesPerBatch)
            .Select(n => new RunLogLine(RunLogLine.SequenceOf(1, n), DateTime.UtcNow, "info", "flood", $"line {n}"))]);
}

public sealed class When_a_quiet_run_logs_one_batch
{
    [Fact]
    public async Task Should_push_it_at_once_rather_than_at_the_end_of_the_window()
    {
        await using var host = await NotifierHost.StartAsync(new Dictionary<string, string?> { ["Notifier:LogCoalesceWindow"] = "00:00:03" });
        var run = TestRun.By("alice");
        await host.PublishAndWait(run.Requested());
        var alice = await host.Connect("alice:operator");
        await alice.SubscribeRun(run.Id);

        var publishedAt = Stopwatch.GetTimestamp();
        await host.Publish(run.Log("alone"));
        var lone = await alice.NextLogReceived();
        await host.Publish(new RunLogAppended(run.Id, 1, [new RunLogLine(RunLogLine.SequenceOf(1, 2), DateTime.UtcNow, "info", "greet", "next")]));
        var next = await alice.NextLog();

        Assert.True(Stopwatch.GetElapsedTime(publishedAt, lone.At) < TimeSpan.FromSeconds(2), "the lone batch waited for the window");
        Assert.Equal(["alone"], lone.Payload.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("message").GetString()));
        Assert.Equal(["next"], next.Items.Select(i => i.Message));
    }
}
