using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Contracts;

namespace OpsBus.LoadTest;

/// <summary>
/// Submits trivial runs (one echo step writing three lines) over <c>POST /api/runs</c>, at a paced rate or flat out,
/// follows every run over the hub (<c>SubscribeAll</c>), and reports throughput, latencies, double executions and lost runs.
/// </summary>
internal sealed class LoadRunner(LoadOptions options)
{
    private const int MaxThrottledAttempts = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, RunTimeline> _runs = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _epochUtc = DateTime.UtcNow;
    private int _throttled;
    private int _unfinished;

    private double Now => _clock.Elapsed.TotalMilliseconds;

    public async Task<LoadReport> RunAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = options.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Url, "/hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(options.Key))
            .Build();
        hub.On<RunSnapshot>("runUpdated", OnRunUpdated);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeAll");

        await using var memory = options.WatchPidsDirectory is { } pids ? ServiceMemoryWatch.Start(pids) : null;
        var errors = 0;
        var started = Now;
        var endAt = options.Duration is { } duration ? started + duration.TotalMilliseconds : double.MaxValue;
        var cost = options is { Cost: { } meter, Rate: null, Duration: { } window } ? meter.MeasureAsync(options.Warmup, window, () => Now) : null;
        using var slots = new SemaphoreSlim(options.Concurrency);
        var submissions = new List<Task>();
        // Paced, the last run is the one due before the end; flat out, submissions stop at the end.
        for (var i = 0; (options.Runs is not { } runs || i < runs) && (options.Rate is not null || Now < endAt); i++)
        {
            if (options.Rate is { } rate)
            {
                var due = started + i * 1000.0 / rate;
                if (due >= endAt)
                    break;
                var wait = due - Now;
                if (wait > 1)
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            else if (options.MaxOutstanding is { } max)
            {
                // Flat out, but closed loop: the next run goes when one has finished, so the queue does not grow for ever.
                while (Volatile.Read(ref _unfinished) >= max && Now < endAt)
                    await Task.Delay(2);
            }
            await slots.WaitAsync();
            Interlocked.Increment(ref _unfinished);
            submissions.Add(SubmitAsync(http, i).ContinueWith(t =>
            {
                if (!t.Result)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.Decrement(ref _unfinished);
                }
                slots.Release();
            }, TaskScheduler.Default));
        }
        await Task.WhenAll(submissions);
        var submittedIn = Now - started;
        var costWindow = cost is null ? null : await cost;

        var drainUntil = Now + options.DrainTimeout.TotalMilliseconds;
        while (Now < drainUntil && _runs.Values.Any(r => r.AcceptedAtMs is not null && r.DoneSeenAtMs is null))
            await Task.Delay(50);

        var timelines = _runs.Values.Where(r => r.AcceptedAtMs is not null).ToList();
        return new LoadReport(
            options,
            timelines,
            started,
            errors,
            _throttled,
            submittedIn,
            options.JournalDirectory is null ? null : Journals.CountDoubleExecutions(options.JournalDirectory, timelines.Select(r => r.RunId).ToHashSet()),
            memory is null ? null : await memory.StopAsync(),
            costWindow);
    }

    private async Task<bool> SubmitAsync(HttpClient http, int index)
    {
        var requestedAt = Now;
        var body = new
        {
            plan = new
            {
                steps = new[]
                {
                    new { id = "hello", title = "Say hello", phase = "action", action = "echo", inputs = new Dictionary<string, object> { ["message"] = $"load run {index}" } },
                },
            },
            lane = Lanes.Default[index % Lanes.Default.Count],
        };
        // A throttled request (429) is sent again after Retry-After with the same Idempotency-Key, as a well-behaved
        // client would: the gateway's per-key rate limit shapes the load, it does not lose runs.
        var idempotencyKey = $"load-{Guid.NewGuid():N}";
        try
        {
            using var response = await PostUntilAcceptedAsync(http, body, idempotencyKey);
            if (!response.IsSuccessStatusCode)
                return false;
            var snapshot = await response.Content.ReadFromJsonAsync<RunSnapshot>(Json);
            var timeline = _runs.GetOrAdd(snapshot!.Id, id => new RunTimeline(id, requestedAt));
            lock (timeline)
            {
                timeline.RequestedAtMs = requestedAt;
                timeline.AcceptedAtMs = Now;
                Settle(timeline);
            }
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage> PostUntilAcceptedAsync(HttpClient http, object body, string idempotencyKey)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt == MaxThrottledAttempts)
                return response;
            Interlocked.Increment(ref _throttled);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private void OnRunUpdated(RunSnapshot snapshot)
    {
        var seenAt = Now;
        var timeline = _runs.GetOrAdd(snapshot.Id, id => new RunTimeline(id, seenAt));
        var changedAt = snapshot.Status switch
        {
            RunStatuses.Claimed => snapshot.ClaimedAt,
            RunStatuses.Running => snapshot.StartedAt,
            RunStatuses.Succeeded or RunStatuses.Failed or RunStatuses.Cancelled => snapshot.FinishedAt,
            _ => null,
        };
        lock (timeline)
        {
            if (changedAt is { } at)
                timeline.PushDelaysMs.Add(Math.Max(0, seenAt - (at - _epochUtc).TotalMilliseconds));
            if (snapshot.Status is RunStatuses.Claimed or RunStatuses.Running)
                timeline.ClaimedSeenAtMs ??= seenAt;
            if (RunStatuses.IsTerminal(snapshot.Status))
            {
                timeline.DoneSeenAtMs ??= seenAt;
                timeline.FinalStatus = snapshot.Status;
                Settle(timeline);
            }
        }
    }

    // Called under the timeline's lock by both the POST's answer and the terminal push: whichever comes second settles it.
    private void Settle(RunTimeline timeline)
    {
        if (timeline.Settled || timeline.AcceptedAtMs is null || timeline.DoneSeenAtMs is null)
            return;
        timeline.Settled = true;
        Interlocked.Decrement(ref _unfinished);
    }
}
