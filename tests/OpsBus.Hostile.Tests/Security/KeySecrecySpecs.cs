using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Testing.Logging;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>
/// An API key used every way a client uses one (bearer header on allowed and forbidden calls, the hub's
/// <c>access_token</c> query parameter, as a browser sends it) never reaches a log line, every category at Trace, and the
/// key store holds only its hash: no stored row nor byte of the data folder has the key or its secret part.
/// </summary>
public sealed class When_a_key_authenticates_requests_and_hub_connections
{
    [Fact]
    public async Task Should_never_write_it_to_a_log_or_store_it_in_clear()
    {
        var logs = new CapturedLogs();
        await using var edge = HostileEdge.Start(configureServices: VerboseLogging.CaptureInto(logs), settings: VerboseLogging.Settings);
        var key = await edge.KeyOf("kim", "operator");
        var secretPart = key[(key.IndexOf('_', "opsbus_".Length) + 1)..];
        Assert.True(secretPart.Length >= 16, $"the secret part of {key} is too short to look for");

        using var kim = edge.ClientWith(key);
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await kim.PostAsJsonAsync("/api/runs", new
        {
            plan = new { steps = new[] { new { id = "greet", title = "Say hello", phase = "action", action = "echo", inputs = new { message = "hello" } } } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kim.GetAsync("/api/keys")).StatusCode);
        using var wrong = edge.ClientWith(key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/me")).StatusCode);
        foreach (var transport in new[] { HttpTransportType.WebSockets, HttpTransportType.LongPolling })
        {
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(edge.Address, "hubs/runs"), transport, o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
                .Build();
            await hub.StartAsync();
            await hub.InvokeAsync("SubscribeSession", "kims-session");
        }

        // What a browser does: it cannot set headers on a WebSocket, so the key rides in the query string.
        using var anonymous = edge.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/hubs/runs/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(key)}", null)).StatusCode);

        var rows = await StoredData.EveryRowAsync(edge.DataDirectory);
        Assert.Contains(rows, row => row.Contains("api_keys") && row.Contains("kim"));
        Assert.Contains(logs.Lines, line => line.Contains(" Trace: ", StringComparison.Ordinal));
        foreach (var line in logs.Lines.Concat(rows).Concat(StoredData.EveryFile(edge.DataDirectory).Select(f => f.Text)))
            Assert.False(line.Contains(secretPart, StringComparison.Ordinal), $"the key's secret is in: {line[..Math.Min(line.Length, 2_000)]}");
    }
}
