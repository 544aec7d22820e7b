using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

/// <summary>The README's one command, as a process: driven over HTTP, killed and started again on the same data folder.</summary>
[Collection(nameof(DistributedCollection))]
[Trait("Category", "Integration")]
public sealed class When_the_embedded_process_is_restarted
{
    private const string AdminKey = "opsbus_embedded_0123456789abcdefghijklmnopqrstuv";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_keep_its_runs_and_recover_the_one_in_flight()
    {
        var data = Directory.CreateTempSubdirectory("opsbus-embedded-").FullName;
        try
        {
            Guid finished, inFlight;
            await using (var first = await Start(data))
            {
                using var http = When_an_operator_drives_runs_through_the_gateway.Client(first.Url, AdminKey);
                finished = await Submit(http, new { id = "greet", title = "Greet", phase = "action", action = "echo", inputs = new { message = "hi" } });
                await WaitForStatus(http, finished, RunStatuses.Succeeded, TimeSpan.FromSeconds(30));

                inFlight = await Submit(http, new { id = "work", title = "Work", phase = "action", action = "sleep", inputs = new { seconds = 3 } });
                await WaitForStatus(http, inFlight, RunStatuses.Running, TimeSpan.FromSeconds(30));
                first.KillHard();
            }

            await using var second = await Start(data);
            using var again = When_an_operator_drives_runs_through_the_gateway.Client(second.Url, AdminKey);
            var kept = await again.GetFromJsonAsync<RunSnapshot>($"/api/runs/{finished}", Json);
            Assert.Equal(RunStatuses.Succeeded, kept!.Status);

            var recovered = await WaitForStatus(again, inFlight, RunStatuses.Succeeded, TimeSpan.FromSeconds(30));
            Assert.Equal(2, recovered.Attempt);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<ServiceProcess> Start(string dataDirectory)
    {
        var process = ServiceProcess.Start("embedded", "services/Gateway/OpsBus.Gateway.Host", new Dictionary<string, string>
        {
            ["OPSBUS_DATA_DIR"] = dataDirectory,
            ["OPSBUS_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
            ["Orchestrator__HeartbeatTimeout"] = "00:00:05",
            ["Orchestrator__HeartbeatInterval"] = "00:00:01",
        });
        await process.WaitUntilReady(TimeSpan.FromSeconds(90));
        return process;
    }

    private static async Task<Guid> Submit(HttpClient http, object step)
    {
        var response = await http.PostAsJsonAsync("/api/runs", new { plan = new { steps = new[] { step } } }, Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunSnapshot>(Json))!.Id;
    }

    private static Task<RunSnapshot> WaitForStatus(HttpClient http, Guid runId, string status, TimeSpan deadline) =>
        Eventually.Get(async () =>
        {
            var response = await http.GetAsync($"/api/runs/{runId}");
            if (!response.IsSuccessStatusCode)
                return null;
            var run = await response.Content.ReadFromJsonAsync<RunSnapshot>(Json);
            return run!.Status == status ? run : null;
        }, deadline, $"run {runId} to be {status}", TimeSpan.FromMilliseconds(100));
}
