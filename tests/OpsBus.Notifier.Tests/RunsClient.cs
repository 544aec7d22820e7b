using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Contracts;
using OpsBus.Notifier.Hubs;

namespace OpsBus.Notifier.Tests;

public enum KeyPlacement
{
    /// <summary><c>Authorization: Bearer key</c>.</summary>
    Header,

    /// <summary>SignalR's <c>access_token</c> query parameter, as browsers send it.</summary>
    Query,
}

/// <summary>A real SignalR client of the runs hub that queues what it receives, with the time it arrived.</summary>
internal sealed class RunsClient : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly HubConnection _connection;
    private readonly Channel<Received> _updates = Channel.CreateUnbounded<Received>();
    private readonly Channel<Received> _logs = Channel.CreateUnbounded<Received>();
    private readonly Channel<Received> _artifacts = Channel.CreateUnbounded<Received>();

    private RunsClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>(RunsHub.RunUpdated, payload => _updates.Writer.TryWrite(new Received(payload, Stopwatch.GetTimestamp())));
        _connection.On<JsonElement>(RunsHub.RunLog, payload => _logs.Writer.TryWrite(new Received(payload, Stopwatch.GetTimestamp())));
        _connection.On<JsonElement>(RunsHub.ArtifactAdded, payload => _artifacts.Writer.TryWrite(new Received(payload, Stopwatch.GetTimestamp())));
    }

    public static async Task<RunsClient> Connect(Uri hubUrl, string? key, KeyPlacement placement = KeyPlacement.Header)
    {
        var url = key is not null && placement == KeyPlacement.Query ? new Uri($"{hubUrl}?access_token={Uri.EscapeDataString(key)}") : hubUrl;
        var connection = new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                if (key is not null && placement == KeyPlacement.Header)
                    options.Headers["Authorization"] = $"Bearer {key}";
            })
            .Build();
        var client = new RunsClient(connection);
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return client;
    }

    public Task SubscribeRun(Guid runId) => _connection.InvokeAsync(nameof(RunsHub.SubscribeRun), runId);

    public Task UnsubscribeRun(Guid runId) => _connection.InvokeAsync(nameof(RunsHub.UnsubscribeRun), runId);

    public Task SubscribeSession(string sessionId) => _connection.InvokeAsync(nameof(RunsHub.SubscribeSession), sessionId);

    public Task SubscribeAll() => _connection.InvokeAsync(nameof(RunsHub.SubscribeAll));

    /// <summary>The next <c>runUpdated</c>, waited for with a deadline.</summary>
    public async Task<RunSnapshot> NextUpdate() => (await NextUpdateReceived()).Payload.Deserialize<RunSnapshot>(JsonSerializerOptions.Web)!;

    public Task<Received> NextUpdateReceived() => Next(_updates, RunsHub.RunUpdated);

    public async Task<RunLogBatch> NextLog() => (await NextLogReceived()).Payload.Deserialize<RunLogBatch>(JsonSerializerOptions.Web)!;

    public Task<Received> NextLogReceived() => Next(_logs, RunsHub.RunLog);

    public Task<Received> NextArtifactReceived() => Next(_artifacts, RunsHub.ArtifactAdded);

    /// <summary><c>runUpdated</c> messages received and not read yet.</summary>
    public int UnreadUpdates => _updates.Reader.Count;

    /// <summary><c>runLog</c> messages received and not read yet.</summary>
    public int UnreadLogs => _logs.Reader.Count;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task<Received> Next(Channel<Received> channel, string method)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await channel.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {method} within {Deadline.TotalSeconds:0} s.");
        }
    }

    public sealed record Received(JsonElement Payload, long At);
}
