using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;
using OpsBus.LoadTest.Cost;

namespace OpsBus.LoadTest.Peer;

/// <summary>
/// The peer OpsBus is compared with: the same trivial workload as Hangfire jobs on Hangfire.PostgreSql, on the same
/// PostgreSQL server. <c>--servers N</c> Hangfire servers (one per OpsBus lane worker) with <c>--worker-count 16</c>
/// each (a lane worker's 4 lanes × 4), in this process; jobs are enqueued with Hangfire's client, flat out
/// (<c>--max-outstanding</c>) or paced (<c>--rate</c>), for <c>--duration</c>. A job is done when Hangfire applies its
/// Succeeded state. Long polling (LISTEN/NOTIFY) is on, so a job does not wait for the queue's poll interval.
/// </summary>
internal static class HangfirePeer
{
    public static async Task<BenchResult> RunAsync(Arguments args, string scenario)
    {
        var connectionString = args.Get("postgres");
        var rate = args.FindDouble("rate");
        var duration = args.GetDuration("duration", TimeSpan.FromSeconds(60));
        var warmup = args.GetDuration("warmup", TimeSpan.Zero);
        var maxOutstanding = args.GetInt("max-outstanding", 256);
        var concurrency = args.GetInt("concurrency", 64);

        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var schema = database.CreateCommand(TrivialJob.Schema))
            await schema.ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew();
        double Now() => clock.Elapsed.TotalMilliseconds;
        var runs = new ConcurrentDictionary<Guid, RunTimeline>();
        var unfinished = 0;
        var completions = new CompletionFilter((runId, succeeded) =>
        {
            if (!runs.TryGetValue(runId, out var timeline))
                return;
            lock (timeline)
            {
                if (timeline.DoneSeenAtMs is not null)
                    return;
                timeline.DoneSeenAtMs = Now();
                timeline.FinalStatus = succeeded ? "succeeded" : "failed";
            }
            Interlocked.Decrement(ref unfinished);
        });

        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseActivator(new SingleJobActivator(new TrivialJob(database)))
            .UseFilter(completions)
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                EnableLongPolling = true,
                PrepareSchemaIfNecessary = true,
            });
        var servers = Enumerable.Range(1, args.GetInt("servers", 2))
            .Select(i => new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = $"bench-{i}", WorkerCount = args.GetInt("worker-count", 16) }))
            .ToList();
        var client = new BackgroundJobClient();

        try
        {
            var started = Now();
            var endAt = started + duration.TotalMilliseconds;
            // The peer's price per job, over the same window as its sustained throughput: the machine's CPU (this
            // process hosts the servers; PostgreSQL's processes are watched too).
            var cost = rate is null ? CostMeter.From(args).MeasureAsync(warmup, duration, Now) : null;
            using var slots = new SemaphoreSlim(concurrency);
            var submissions = new List<Task>();
            for (var i = 0; rate is not null || Now() < endAt; i++)
            {
                if (rate is { } r)
                {
                    var due = started + i * 1000.0 / r;
                    if (due >= endAt)
                        break;
                    var wait = due - Now();
                    if (wait > 1)
                        await Task.Delay(TimeSpan.FromMilliseconds(wait));
                }
                else
                {
                    while (Volatile.Read(ref unfinished) >= maxOutstanding && Now() < endAt)
                        await Task.Delay(2);
                }
                await slots.WaitAsync();
                var timeline = new RunTimeline(Guid.NewGuid(), Now());
                runs[timeline.RunId] = timeline;
                Interlocked.Increment(ref unfinished);
                var index = i;
                submissions.Add(Task.Run(() =>
                {
                    try
                    {
                        client.Create(Job.FromExpression<TrivialJob>(job => job.RunAsync(timeline.RunId, index)), new EnqueuedState());
                        lock (timeline)
                            timeline.AcceptedAtMs = Now();
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
            await Task.WhenAll(submissions);
            var costWindow = cost is null ? null : await cost;

            var drainUntil = Now() + args.GetDuration("drain", TimeSpan.FromSeconds(120)).TotalMilliseconds;
            while (Now() < drainUntil && runs.Values.Any(r => r.DoneSeenAtMs is null))
                await Task.Delay(50);

            var timelines = runs.Values.ToList();
            var lost = timelines.Count(r => r.DoneSeenAtMs is null);
            var latency = Percentiles.Of(timelines.Where(r => r.DoneSeenAtMs is not null).Select(r => r.DoneSeenAtMs!.Value - r.RequestedAtMs).ToList());
            var sustained = SustainedThroughput.Of(timelines, started, warmup, duration);
            Console.WriteLine($"Hangfire peer ({scenario}): {timelines.Count} jobs, done {timelines.Count - lost}, lost {lost}, {sustained.RunsPerSecond:0.0} jobs/s over {sustained.Over.TotalSeconds:0} s, request → done {latency?.ToString() ?? "n/a"}"
                + (costWindow is null || sustained.Done == 0 ? "" : $", {costWindow.MachineMs / sustained.Done:0.00} ms of CPU per job ({costWindow.Describe(sustained.Done)})"));
            var figures = new Dictionary<string, double>
            {
                ["runs"] = timelines.Count,
                ["lost"] = lost,
                ["done_p50"] = latency?.P50 ?? double.NaN,
                ["done_p95"] = latency?.P95 ?? double.NaN,
                ["done_p99"] = latency?.P99 ?? double.NaN,
            };
            if (rate is { } paced)
                figures["rate"] = paced;
            else
            {
                figures["runs_per_s"] = sustained.RunsPerSecond;
                figures["done"] = sustained.Done;
                figures["seconds"] = sustained.Over.TotalSeconds;
                costWindow?.AddFigures(figures, sustained.Done, "run", costWindow.Messages?.RunsDoneIn(timelines));
            }
            return new BenchResult(scenario, "hangfire", figures, costWindow?.Describe(sustained.Done));
        }
        finally
        {
            foreach (var server in servers)
                server.SendStop();
            foreach (var server in servers)
                server.Dispose();
        }
    }

    private sealed class SingleJobActivator(TrivialJob job) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(TrivialJob) ? job : throw new InvalidOperationException($"the peer runs only {nameof(TrivialJob)}, not {jobType}");
    }

    /// <summary>Tells the peer when Hangfire moves one of its jobs to Succeeded or Failed.</summary>
    private sealed class CompletionFilter(Action<Guid, bool> completed) : IApplyStateFilter
    {
        public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
        {
            if (context.NewState is SucceededState or FailedState && context.BackgroundJob.Job?.Args is [Guid runId, ..])
                completed(runId, context.NewState is SucceededState);
        }

        // A job leaving Succeeded or Failed (a requeue by hand) does not make it undone for the benchmark.
        public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
        {
        }
    }
}
