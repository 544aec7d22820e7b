using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.LaneWorker;
using OpsBus.LaneWorker.Actions;
using OpsBus.Testing;
using OpsBus.Testing.Logging;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>
/// A template run whose secret parameter is a fresh random value, in the whole embedded process: its steps log the
/// secret, return it as an output, attach it as an artifact and fail with it. Everything the run left behind is then
/// searched for the value and its base64 forms: every log line of every category at Trace (<see cref="VerboseLogging"/>), every message on the
/// bus, every hub message a subscribed client got, every API answer about the run, every row of every table of every
/// database and the raw bytes of every file in the data folder. Only its sealed envelope may be stored.
/// </summary>
public sealed class When_a_run_uses_a_secret
{
    private const string Template = """
        slug: secret-everywhere
        title: Use a token everywhere
        defaultLane: B
        risk: read
        parameters:
          - key: token
            label: Token
            type: secret
            required: true
        steps:
          - id: say
            title: Say the token
            phase: action
            action: echo
            inputs:
              message: ${{ params.token }}
          - id: leak
            title: Try every way out
            phase: action
            action: secret.leak
            inputs:
              token: ${{ params.token }}
          - id: fail
            title: Fail with the token
            phase: verify
            action: fail
            inputs:
              message: ${{ params.token }}
              retryable: false
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_leave_its_value_nowhere_in_clear()
    {
        var secret = new SecretForms("tok-" + Guid.NewGuid().ToString("N") + "-" + Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        var logs = new CapturedLogs();
        var bus = new BusTraffic();
        await using var edge = HostileEdge.Start(configureServices: services =>
        {
            VerboseLogging.CaptureInto(logs)(services);
            services.AddRunAction<SecretLeakAction>();
        }, settings: VerboseLogging.Settings);
        var busControl = edge.Services.GetRequiredService<IBus>();
        busControl.ConnectSendObserver(bus);
        busControl.ConnectPublishObserver(bus);

        var answers = new List<string>();
        var operatorKey = await edge.KeyOf("olga", "operator");
        using var admin = edge.ClientWith(HostileEdge.AdminKey);
        using var olga = edge.ClientWith(operatorKey);
        answers.Add(await Answer(await admin.PostAsync("/api/templates", new StringContent(Template, Encoding.UTF8, "application/yaml"))));

        var hub = new ConcurrentQueue<string>();
        await using var watcher = new HubConnectionBuilder()
            .WithUrl(new Uri(edge.Address, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(HostileEdge.AdminKey))
            .Build();
        foreach (var method in new[] { "runUpdated", "runLog", "artifactAdded" })
            watcher.On<JsonElement>(method, payload => hub.Enqueue($"{method} {payload.GetRawText()}"));
        await watcher.StartAsync();
        await watcher.InvokeAsync("SubscribeAll");

        using var created = await olga.PostAsJsonAsync("/api/runs", new { template = "secret-everywhere", @params = new { token = secret.Value } });
        var createdBody = await Answer(created);
        answers.Add(createdBody);
        var runId = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetGuid();

        await Eventually.True(async () => (await olga.GetStringAsync($"/api/runs/{runId}")).Contains("\"status\":\"failed\""), Deadline, "the run to fail");
        await Eventually.True(async () => (await olga.GetStringAsync($"/api/runs/{runId}/events?limit=1000")).Contains("attempt failed"), Deadline, "its last log line to be stored");
        await Eventually.True(() => Task.FromResult(hub.Any(m => m.StartsWith("runUpdated", StringComparison.Ordinal) && m.Contains("\"failed\""))
            && hub.Any(m => m.StartsWith("runLog", StringComparison.Ordinal) && m.Contains("attempt failed"))), Deadline, "the hub to push the failure and the last log line");
        await Eventually.True(async () => (await admin.GetStringAsync("/api/audit/export")).Contains("POST /api/runs\""), Deadline, "the audit log to record the run");

        var artifacts = await Eventually.Get(async () =>
        {
            var list = await olga.GetStringAsync($"/api/runs/{runId}/artifacts");
            return list.Contains("token.txt") ? list : null;
        }, Deadline, "the attached artifact to be listed");
        answers.Add(artifacts);
        var artifactIds = JsonDocument.Parse(artifacts).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        foreach (var id in artifactIds)
        {
            answers.Add(await olga.GetStringAsync($"/api/artifacts/{id}"));
            answers.Add(await olga.GetStringAsync($"/api/artifacts/{id}/content"));
        }
        answers.Add(Encoding.Latin1.GetString(await olga.GetByteArrayAsync($"/api/runs/{runId}/artifacts.zip")));
        foreach (var url in new[]
                 {
                     $"/api/runs/{runId}", $"/api/runs/{runId}/events?limit=1000", "/api/runs?limit=100", $"/api/runs?q={runId}",
                     "/api/templates/secret-everywhere", "/api/templates/secret-everywhere/versions", "/api/audit/export", "/api/approvals",
                 })
            answers.Add(await admin.GetStringAsync(url));
        answers.Add(await edge.ClientWith(null).GetStringAsync("/metrics"));

        var rows = await StoredData.EveryRowAsync(edge.DataDirectory);
        var files = StoredData.EveryFile(edge.DataDirectory);

        // The secret was there to leak: the steps ran with it and what they let out carries the mask instead.
        Assert.Contains(answers, a => a.Contains("the token is ***"));
        Assert.Contains(answers, a => a.Contains("token=***"));
        Assert.Contains(hub, m => m.Contains("the token is ***"));
        Assert.Contains(rows, r => r.Contains("the token is ***"));
        Assert.Contains(rows, r => r.Contains("\"$secret\":\"v1:"));
        Assert.Contains(logs.Lines, line => line.Contains(" Trace: ", StringComparison.Ordinal));
        Assert.Contains(bus.Messages, m => m.Contains("RunLogAppended"));

        AssertNowhere(secret, "log line", logs.Lines);
        AssertNowhere(secret, "bus message", bus.Messages);
        AssertNowhere(secret, "hub message", hub.ToArray());
        AssertNowhere(secret, "API answer", answers);
        AssertNowhere(secret, "stored row", rows);
        foreach (var (file, text) in files)
            AssertNowhere(secret, $"byte of {Path.GetRelativePath(edge.DataDirectory, file)}", [text]);
    }

    private static void AssertNowhere(SecretForms secret, string what, IEnumerable<string> corpus)
    {
        foreach (var item in corpus)
        {
            if (secret.FoundIn(item) is { } found)
                Assert.Fail($"The secret leaked into a {what}: {found}");
        }
    }

    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary><c>secret.leak</c>, registered only here: logs its <c>token</c>, returns it as an output and attaches it.</summary>
    private sealed class SecretLeakAction : IRunAction
    {
        public string Name => "secret.leak";

        public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
        {
            var token = step.RequireString("token");
            step.Info($"the token is {token}");
            step.SetOutput("token", token);
            await step.AttachTextAsync("token.txt", "file", "text/plain", $"token={token}", cancellationToken);
        }
    }
}
