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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, RunTimeline> _runs = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _epochUtc = DateTime.UtcNow;
    private int _throttled;

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

        var errors = 0;
        var started = Now;
        using var slots = new SemaphoreSlim(options.Concurrency);
        var submissions = new List<Task>();
        for (var i = 0; i < options.Runs; i++)
        {
            if (options.Rate is { } rate)
            {
                var due = started + i * 1000.0 / rate;
                var wait = due - Now;
                if (wait > 1)
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            await slots.WaitAsync();
            submissions.Add(SubmitAsync(http, i).ContinueWith(t =>
            {
                if (!t.Result)
                    Interlocked.Increment(ref errors);
                slots.Release();
            }, TaskScheduler.Default));
        }
        await Task.WhenAll(submissions);
        var submittedIn = Now - started;

        var drainUntil = Now + options.DrainTimeout.TotalMilliseconds;
        while (Now < drainUntil && _runs.Values.Any(r => r.DoneSeenAtMs is null))
            await Task.Delay(50);
        var finishedIn = _runs.Values.Where(r => r.DoneSeenAtMs is not null).Select(r => r.DoneSeenAtMs!.Value).DefaultIfEmpty(Now).Max() - started;

        return new LoadReport(
            options,
            _runs.Values.ToList(),
            errors,
            _throttled,
            submittedIn,
            finishedIn,
            options.JournalDirectory is null ? null : Journals.CountDoubleExecutions(options.JournalDirectory, _runs.Keys));
    }

    private async Task<bool> SubmitAsync(HttpClient http, int index)
    {
        var runId = Guid.Empty;
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
            runId = snapshot!.Id;
            var timeline = _runs.GetOrAdd(runId, id => new RunTimeline(id, requestedAt));
            timeline.AcceptedAtMs = Now;
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

    private const int MaxThrottledAttempts = 50;

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
        if (changedAt is { } at)
        {
            var changedAtMs = (at - _epochUtc).TotalMilliseconds;
            lock (timeline)
                timeline.PushDelaysMs.Add(Math.Max(0, seenAt - changedAtMs));
        }
        if (snapshot.Status is RunStatuses.Claimed or RunStatuses.Running)
            timeline.ClaimedSeenAtMs ??= seenAt;
        if (RunStatuses.IsTerminal(snapshot.Status))
        {
            timeline.DoneSeenAtMs ??= seenAt;
            timeline.FinalStatus = snapshot.Status;
        }
    }
}
