using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

public sealed class When_a_long_run_log_is_read_page_by_page
{
    /// <summary>Characters of messages past which the API ends a page early.</summary>
    private const int MaxPageCharacters = 1_000_000;

    [Fact]
    public async Task Should_page_by_sequence_with_the_next_afterSeq_until_there_is_no_more()
    {
        await using var api = await ApiHost.StartAsync();
        await PagesThroughTheWholeLog(api);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Should_page_the_same_way_on_postgresql()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var api = await ApiHost.StartAsync(database.ConnectionString);
        await PagesThroughTheWholeLog(api);
    }

    private static async Task PagesThroughTheWholeLog(ApiHost api)
    {
        var alice = api.As("alice:operator");
        var run = await SucceededRun(api, alice);
        await Append(api, run, Enumerable.Range(1, 2500).Select(n => $"extra {n}"));
        var total = await StoredLines(alice, run, last: "extra 2500");

        var seqs = new List<long>();
        var (afterSeq, pages, more) = (0L, 0, true);
        while (more)
        {
            var page = await alice.Get<RunEventPage>($"/api/runs/{run}/events?afterSeq={afterSeq}&limit=1000");
            pages++;
            Assert.NotEmpty(page.Items);
            Assert.Equal(page.Items[^1].Seq, page.NextAfterSeq);
            seqs.AddRange(page.Items.Select(i => i.Seq));
            (afterSeq, more) = (page.NextAfterSeq, page.HasMore);
        }

        Assert.Equal(total, seqs.Count);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Equal((total + 999) / 1000, pages);
        var end = await alice.Get<RunEventPage>($"/api/runs/{run}/events?afterSeq={afterSeq}");
        Assert.Empty(end.Items);
        Assert.Equal((afterSeq, false), (end.NextAfterSeq, end.HasMore));
    }

    [Fact]
    public async Task Should_end_a_page_of_huge_lines_early_and_carry_on_from_there()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await SucceededRun(api, alice);
        var huge = Enumerable.Range(1, 5).Select(n => new string((char)('a' + n), 400_000)).ToList();
        await Append(api, run, huge);
        var total = await StoredLines(alice, run, last: huge[^1]);

        var first = await alice.Get<RunEventPage>($"/api/runs/{run}/events?limit=1000");
        var rest = await alice.Get<RunEventPage>($"/api/runs/{run}/events?afterSeq={first.NextAfterSeq}&limit=1000");

        Assert.True(first.HasMore);
        Assert.InRange(first.Items.Sum(i => (long)i.Message.Length), MaxPageCharacters, MaxPageCharacters + 400_000);
        Assert.Equal(total, first.Items.Count + rest.Items.Count);
        Assert.Equal(huge, first.Items.Concat(rest.Items).Where(i => i.Message.Length == 400_000).Select(i => i.Message));
    }

    private static async Task<Guid> SucceededRun(ApiHost api, ApiClient alice)
    {
        var run = await alice.Submit(Plans.Echo("hello"));
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);
        await StoredLines(alice, run.Id, last: "attempt succeeded");
        return run.Id;
    }

    /// <summary>More lines as a later attempt's worker would publish them, a hundred to a batch.</summary>
    private static async Task Append(ApiHost api, Guid runId, IEnumerable<string> messages)
    {
        var bus = api.Services.GetRequiredService<IBus>();
        foreach (var chunk in messages.Select((message, i) => new RunLogLine(RunLogLine.SequenceOf(2, i + 1), DateTime.UtcNow, "info", "extra", message)).Chunk(100))
            await bus.Publish(new RunLogAppended(runId, 2, chunk));
    }

    /// <summary>Waits until the line <paramref name="last"/> is stored, then counts every line (read 1000 at a time).</summary>
    private static async Task<int> StoredLines(ApiClient alice, Guid runId, string last) =>
        await Eventually.Get<int?>(async () =>
        {
            var (count, afterSeq, found) = (0, 0L, false);
            while (true)
            {
                var page = await alice.Get<RunEventPage>($"/api/runs/{runId}/events?afterSeq={afterSeq}&limit=1000");
                count += page.Items.Count;
                found |= page.Items.Any(i => i.Message == last);
                if (!page.HasMore)
                    return found ? count : null;
                afterSeq = page.NextAfterSeq;
            }
        }, TimeSpan.FromSeconds(30), $"the line '{(last.Length > 20 ? last[..20] + "…" : last)}' of run {runId} to be stored") ?? 0;
}

public sealed class When_a_log_batch_is_stored_after_a_later_one
{
    [Fact]
    public async Task Should_hold_the_page_at_the_gap_until_the_late_batch_lands()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Echo("hello"));
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);
        var firstAttempt = await Eventually.Get(async () =>
        {
            var page = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?limit=1000");
            return page.Items.Any(i => i.Message == "attempt succeeded") ? page : null;
        }, TimeSpan.FromSeconds(30), "the first attempt's lines to be stored");

        await Publish(api, run.Id, lines: [3, 4], DateTime.UtcNow);
        await Eventually.True(async () => (await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?afterSeq={RunLogLine.SequenceOf(2, 2)}")).Items.Count == 2,
            TimeSpan.FromSeconds(30), "the later batch to be stored");

        var held = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?afterSeq={firstAttempt.NextAfterSeq}");
        Assert.Empty(held.Items);
        Assert.Equal((firstAttempt.NextAfterSeq, false), (held.NextAfterSeq, held.HasMore));

        await Publish(api, run.Id, lines: [1, 2], DateTime.UtcNow);
        var filled = await Eventually.Get(async () =>
        {
            var page = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?afterSeq={firstAttempt.NextAfterSeq}");
            return page.Items.Count > 0 ? page : null;
        }, TimeSpan.FromSeconds(30), "the late batch to be stored");
        Assert.Equal([1L, 2, 3, 4], filled.Items.Select(i => i.Seq - RunLogLine.SequenceOf(2, 0)));
    }

    [Fact]
    public async Task Should_read_past_a_gap_a_minute_old()
    {
        await using var api = await ApiHost.StartAsync();
        var alice = api.As("alice:operator");
        var run = await alice.Submit(Plans.Echo("hello"));
        await alice.WaitForStatus(run.Id, RunStatuses.Succeeded);

        await Publish(api, run.Id, lines: [5, 6], DateTime.UtcNow - TimeSpan.FromMinutes(1));

        var page = await Eventually.Get(async () =>
        {
            var all = await alice.Get<RunEventPage>($"/api/runs/{run.Id}/events?limit=1000");
            return all.Items.Count > 0 && all.Items[^1].Seq == RunLogLine.SequenceOf(2, 6) ? all : null;
        }, TimeSpan.FromSeconds(30), "the lines after the old gap to be read");
        Assert.Equal(RunLogLine.SequenceOf(2, 5), page.Items[^2].Seq);
    }

    /// <summary>Lines of attempt 2 as its worker would publish them, numbered <paramref name="lines"/>.</summary>
    private static Task Publish(ApiHost api, Guid runId, int[] lines, DateTime writtenAt) =>
        api.Services.GetRequiredService<IBus>().Publish(new RunLogAppended(runId, 2,
            lines.Select(n => new RunLogLine(RunLogLine.SequenceOf(2, n), writtenAt, "info", "extra", $"line {n}")).ToList()));
}
