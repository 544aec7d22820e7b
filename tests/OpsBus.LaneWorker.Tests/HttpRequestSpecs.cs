using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_plan_sends_an_http_request
{
    private static readonly object Status = new { status = "ok", items = new[] { new { name = "api", count = 3 } } };

    private static Task<FakeHttpServer> StartServer()
    {
        var flaky = 0;
        return FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/flaky", (HttpResponse response) =>
            {
                if (Interlocked.Increment(ref flaky) > 1)
                    return Results.Json(Status);
                response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            });
            app.MapGet("/status.json", () => Results.Json(Status));
            app.MapGet("/down", () => Results.StatusCode(503));
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/hold", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
            app.MapPost("/echo", (HttpRequest request, JsonElement body) =>
                Results.Json(new { auth = request.Headers.Authorization.ToString(), body }, statusCode: 201));
            app.MapGet("/seen/{code}", () => Results.NoContent());
        });
    }

    [Fact]
    public async Task Should_wait_as_retry_after_says_and_succeed_on_the_next_try()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();
        var clock = Stopwatch.StartNew();

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/flaky")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Equal(2, server.RequestsTo("/flaky").Count);
        // The backoff is 10 ms in tests: only Retry-After explains a second's wait.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"succeeded after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Contains(worker.LogLines(runId), l => l.Source == "call" && l.Message.StartsWith($"GET {server.Url("/flaky")} → 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_fail_retryably_when_the_server_stays_unavailable_after_the_retries()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?> { ["LaneWorker:Http:MaxRetries"] = "2" });

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/down")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Equal(3, server.RequestsTo("/down").Count);
        Assert.Contains("expected HTTP 2xx, got 503", failed.Error);
    }

    [Fact]
    public async Task Should_not_repeat_a_post_the_server_may_have_acted_on()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapPost("/deployments", () => Results.StatusCode(502)));
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/deployments"), ("method", "POST"), ("body", new { service = "web" })));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Single(server.RequestsTo("/deployments"));
        Assert.Contains("got 502", failed.Error);
    }

    [Fact]
    public async Task Should_repeat_a_get_on_the_same_answer()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/deployments", () => Results.StatusCode(502)));
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?> { ["LaneWorker:Http:MaxRetries"] = "2" });

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/deployments")));

        await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.Equal(3, server.RequestsTo("/deployments").Count);
    }

    [Fact]
    public async Task Should_fail_for_good_at_once_on_a_client_error()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/missing")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Single(server.RequestsTo("/missing"));
        Assert.Contains("expected HTTP 2xx, got 404", failed.Error);
    }

    [Fact]
    public async Task Should_stop_mid_call_when_the_run_is_cancelled()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();
        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/hold")), Steps.Echo("report", RunPhases.Summarize));
        await Eventually.True(() => Task.FromResult(server.RequestsTo("/hold").Count == 1), TimeSpan.FromSeconds(10), "the request to reach the server");

        var clock = Stopwatch.StartNew();
        await worker.Publish(new RunCancellationRequested(runId, 1, "no longer needed"));
        await worker.WaitForPublished<RunCancelled>(m => m.RunId == runId);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(new Dictionary<string, string> { ["call"] = "cancelled", ["report"] = "succeeded" }, worker.StepStatuses(runId));
        Assert.Single(worker.Outcomes(runId));
    }

    [Fact]
    public async Task Should_fail_retryably_when_the_step_times_out_mid_call()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/hold")) with { TimeoutSeconds = 1 });

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Contains("timed out after 1 s", failed.Error);
    }

    [Fact]
    public async Task Should_fail_retryably_when_every_try_outlasts_the_attempt_timeout()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LaneWorker:Http:AttemptTimeout"] = "00:00:00.200",
            ["LaneWorker:Http:MaxRetries"] = "1",
        });

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/hold")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.True(failed.Retryable);
        Assert.Equal($"GET {server.Url("/hold")} timed out", failed.Error);
        Assert.Equal(2, server.RequestsTo("/hold").Count);
    }

    [Fact]
    public async Task Should_pass_when_the_json_response_meets_every_assertion()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(
            Steps.HttpRequest("call", server.Url("/status.json"), ("assert", new Dictionary<string, object>
            {
                ["$.status"] = "ok",
                ["$.items[0].count"] = 3.0,
                ["$.items[0]"] = new { count = 3, name = "api" },
            })),
            Steps.Step("keep", RunPhases.Verify, "test.capture", ("body", "${{ steps.call.outputs.body }}")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        Assert.Contains(worker.LogLines(runId), l => l.Source == "call" && l.Message == "3 assertion(s) passed");
        Assert.Equal("ok", JsonDocument.Parse(worker.Captured["keep"]["body"].GetString()!).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_fail_for_good_saying_what_was_expected_and_what_came()
    {
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.HttpRequest("call", server.Url("/status.json"), ("assert", new Dictionary<string, object>
        {
            ["$.status"] = "down",
            ["$.items[0].name"] = "api",
            ["$.items[1].name"] = "db",
        })));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Contains("2 of 3 assertion(s) failed", failed.Error);
        Assert.Contains("$.status: expected \"down\", got \"ok\"", failed.Error);
        Assert.Contains("$.items[1].name: expected \"db\", but the path is not in the response", failed.Error);
    }

    [Fact]
    public async Task Should_send_a_secret_header_and_json_body_and_feed_the_status_to_a_later_step()
    {
        var key = SecretProtector.NewKey();
        var token = "tok_" + Guid.NewGuid().ToString("N");
        await using var server = await StartServer();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?> { ["Secrets:Key"] = key });

        var runId = await worker.Execute(
            Steps.HttpRequest("post", server.Url("/echo"),
                ("method", "post"),
                ("headers", new { Authorization = SecretEnvelope.Create(SecretProtector.FromBase64(key).Seal("Bearer " + token)), X_Trace = 7 }),
                ("body", new { service = "api", replicas = 2 }),
                ("expectStatus", new[] { 200, 201 }),
                ("assert", new Dictionary<string, object> { ["$.body.replicas"] = 2 })),
            Steps.HttpRequest("follow", server.Url("/seen/") + "${{ steps.post.outputs.status }}", ("expectStatus", 204)) with { Phase = RunPhases.Verify });

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var posted = Assert.Single(server.RequestsTo("/echo"));
        Assert.Equal("Bearer " + token, posted.Headers["Authorization"]);
        Assert.Equal("7", posted.Headers["X_Trace"]);
        Assert.Equal("""{"service":"api","replicas":2}""", posted.Body);
        Assert.Single(server.RequestsTo("/seen/201"));
        Assert.Contains(worker.LogLines(runId), l => l.Source == "post" && l.Message.StartsWith("output body = ", StringComparison.Ordinal) && l.Message.Contains("\"auth\":\"***\""));
        Assert.All(worker.EverythingThatLeft(), json => Assert.DoesNotContain(token, json));
    }
}
