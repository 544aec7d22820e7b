using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Testing;
using Xunit.Abstractions;

namespace OpsBus.Embedded.Tests;

/// <summary>
/// The million-line run: one process (orchestrator, worker, API) where a step writes 1,000,000 lines as fast as the
/// log takes them. The run succeeds, every line is read back through the paged API exactly once and in order, and
/// the managed heap stays within <see cref="HeapGrowthBound"/> of what it was before, while writing and while reading.
/// A million lines held anywhere (worker buffer, bus, projection, API) would be well over the bound: each line is
/// about 90 characters, so over 200 MB as strings alone.
/// It runs alone (<see cref="ProcessWideObservation"/>): the heap is the process's, other tests' hosts included.
/// </summary>
[Collection(nameof(ProcessWideObservation))]
public sealed class When_a_step_writes_a_million_log_lines(ITestOutputHelper output)
{
    private const int LineCount = 1_000_000;
    private const long HeapGrowthBound = 150L * 1024 * 1024;
    private const int PageSize = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_store_and_page_back_every_line_once_in_order_in_bounded_memory()
    {
        using var database = new EmbeddedDatabase();
        await using var host = await EmbeddedApiHost.StartAsync(database);
        using var alice = host.As("alice:operator");

        // A small run first, so that what stays for good (JIT, pools, caches) is in the baseline.
        var warmUp = await Flood(alice, 5_000);
        await ReadBack(alice, warmUp, 5_000);
        var baseline = HeapSampler.Now();

        var clock = Stopwatch.StartNew();
        Guid runId;
        await using (var writing = HeapSampler.Start(TimeSpan.FromSeconds(2)))
        {
            runId = await Flood(alice, LineCount);
            await Growth(writing, baseline, "writing");
        }
        var written = clock.Elapsed;

        ReadBackResult read;
        await using (var reading = HeapSampler.Start(TimeSpan.FromSeconds(2)))
        {
            read = await ReadBack(alice, runId, LineCount);
            await Growth(reading, baseline, "reading back");
        }

        output.WriteLine($"{LineCount:N0} lines: run succeeded after {written.TotalSeconds:0.0} s, read back in {read.Pages:N0} pages " +
                         $"after {(clock.Elapsed - written).TotalSeconds:0.0} s ({clock.Elapsed.TotalSeconds:0.0} s in all)");
        Assert.Equal(LineCount, read.FloodLines);
        Assert.Equal(ExpectedChecksum(LineCount), read.FloodChecksum);
        Assert.True(read.Pages >= read.TotalLines / PageSize, $"{read.Pages} pages for {read.TotalLines} lines");
    }

    /// <summary>Requests a run of one <c>log.flood</c> step and waits until it succeeded.</summary>
    private static async Task<Guid> Flood(HttpClient client, int count)
    {
        var body = new { plan = new { steps = new[] { new { id = "flood", phase = RunPhases.Action, action = LogFloodAction.ActionName, inputs = new { count } } } } };
        using var accepted = await client.PostAsJsonAsync("/api/runs", body, Json);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
        await Eventually.Get(async () =>
        {
            var run = await client.GetFromJsonAsync<RunSnapshot>($"/api/runs/{runId}", Json);
            Assert.NotEqual(RunStatuses.Failed, run!.Status);
            return run.Status == RunStatuses.Succeeded ? run : null;
        }, TimeSpan.FromMinutes(3), $"run {runId} of {count} lines to succeed", TimeSpan.FromMilliseconds(200));
        return runId;
    }

    /// <summary>
    /// Pages through the run's log from the start until its last line (<c>attempt succeeded</c>) is read, the projection
    /// perhaps still catching up, checking that the sequence numbers run 1, 2, 3… with no gap or repeat and that the flood's
    /// lines come in order. Keeps counts and a running checksum, never the lines.
    /// </summary>
    private static async Task<ReadBackResult> ReadBack(HttpClient client, Guid runId, int floodLines)
    {
        using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (total, flood, pages, afterSeq, finished) = (0, 0, 0, 0L, false);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!finished)
        {
            var page = await client.GetFromJsonAsync<EventPage>($"/api/runs/{runId}/events?afterSeq={afterSeq}&limit={PageSize}", Json);
            pages++;
            foreach (var line in page!.Items)
            {
                Assert.Equal(RunLogLine.SequenceOf(1, ++total), line.Seq);
                if (line.Source == "flood" && line.Message.StartsWith("flood line ", StringComparison.Ordinal))
                {
                    flood++;
                    checksum.AppendData(Encoding.UTF8.GetBytes(line.Message + "\n"));
                }
                finished = line.Source == "worker" && line.Message == "attempt succeeded";
            }
            Assert.Equal(page.Items.Count > 0 ? page.Items[^1].Seq : afterSeq, page.NextAfterSeq);
            afterSeq = page.NextAfterSeq;
            if (page.Items.Count == 0)
            {
                Assert.False(page.HasMore);
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Only {total} lines of run {runId} stored within 3 minutes.");
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
        Assert.Equal(floodLines, flood);
        return new ReadBackResult(total, flood, Convert.ToHexString(checksum.GetHashAndReset()), pages);
    }

    private static string ExpectedChecksum(int lines)
    {
        using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var n = 1; n <= lines; n++)
            checksum.AppendData(Encoding.UTF8.GetBytes(LogFloodAction.Line(n) + "\n"));
        return Convert.ToHexString(checksum.GetHashAndReset());
    }

    private async Task Growth(HeapSampler sampler, long baseline, string phase)
    {
        await sampler.StopAsync();
        var growth = sampler.Peak - baseline;
        output.WriteLine($"heap while {phase}: peak {sampler.Peak / 1048576.0:0.0} MB, {growth / 1048576.0:+0.0;-0.0} MB over the baseline " +
                         $"of {baseline / 1048576.0:0.0} MB ({sampler.Samples} samples)");
        Assert.True(growth < HeapGrowthBound, $"The heap grew by {growth / 1048576.0:0.0} MB while {phase}; the bound is {HeapGrowthBound / 1048576} MB.");
    }

    private sealed record ReadBackResult(int TotalLines, int FloodLines, string FloodChecksum, int Pages);

    private sealed record EventPage(IReadOnlyList<EventLine> Items, long NextAfterSeq, bool HasMore);

    private sealed record EventLine(long Seq, DateTime Ts, string Level, string Source, string Message, JsonElement? Data);
}
