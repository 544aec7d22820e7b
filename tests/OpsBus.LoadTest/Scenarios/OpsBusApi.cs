using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.LoadTest.Scenarios;

/// <summary>The few calls of the public API the scenarios make, each retried after a 429 as a well-behaved client would.</summary>
internal sealed class OpsBusApi : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public OpsBusApi(Uri url, string key)
    {
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public HttpClient Http { get; }

    public static object EchoStep(string message) =>
        new { id = "hello", title = "Say hello", phase = "action", action = "echo", inputs = new Dictionary<string, object> { ["message"] = message } };

    public static object SleepStep(double seconds) =>
        new { id = "wait", title = "Wait", phase = "action", action = "sleep", inputs = new Dictionary<string, object> { ["seconds"] = seconds } };

    public async Task<Guid> SubmitAsync(object step, string lane, int? heartbeatTimeoutSeconds = null, int? maxAttempts = null)
    {
        var body = new { plan = new { steps = new[] { step } }, lane, heartbeatTimeoutSeconds, maxAttempts };
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(body, options: Json) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
    }

    public async Task<RunSnapshot> GetAsync(Guid runId)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunSnapshot>(Json))!;
    }

    public async Task CancelAsync(Guid runId)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/cancel"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the run until <paramref name="condition"/> holds; null when <paramref name="timeout"/> passes first.</summary>
    public async Task<RunSnapshot?> WaitForAsync(Guid runId, Func<RunSnapshot, bool> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await GetAsync(runId);
            if (condition(run))
                return run;
            if (DateTime.UtcNow > deadline)
                return null;
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        while (true)
        {
            using var message = request();
            var response = await Http.SendAsync(message, completion);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    public void Dispose() => Http.Dispose();
}
