using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OpsBus.Cli.Api;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Cli.Following;

/// <summary>
/// Follows a run to its end over the hub (<c>/hubs/runs</c>: <c>runUpdated</c> and <c>runLog</c>), with the API as the
/// record: after subscribing it reads the run and pages its stored log, and it pages again whenever pushes leave a gap,
/// after a reconnect, and at the end, so no line is lost and none is shown twice. Pushes are not retried by the server,
/// so the run is also read again after <see cref="ReconcileInterval"/> of silence; without the hub that is how it follows.
/// </summary>
public sealed class RunFollower(OpsBusClient client, TextWriter warnings)
{
    public const string HubPath = "hubs/runs";
    private const int LogPageSize = 1000;

    /// <summary>Silence after which the run is read from the API in case a push was lost.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a finished run's steps may take to show how they ended.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the run is read when the hub cannot be reached.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Shows the run on <paramref name="view"/> until it is finished; returns it as finally stored.</summary>
    public async Task<RunSnapshot> FollowAsync(Guid runId, IRunView view, CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<Update>(new UnboundedChannelOptions { SingleReader = true });
        await using var hub = Connect(runId, updates.Writer);
        var live = await TryStartAsync(hub, runId, cancellationToken);
        var cursor = new LogCursor();

        var run = await CatchUpAsync(runId, cursor, view, cancellationToken);
        while (!RunStatuses.IsTerminal(run.Status))
        {
            if (!await WaitAsync(updates.Reader, live ? ReconcileInterval : PollInterval, cancellationToken))
            {
                run = await CatchUpAsync(runId, cursor, view, cancellationToken);
                continue;
            }
            while (updates.Reader.TryRead(out var update))
                run = await ApplyAsync(update, run, cursor, view, cancellationToken);
        }

        while (updates.Reader.TryRead(out var late))
            if (late.Log is not null)
                await ApplyAsync(late, run, cursor, view, cancellationToken);
        return await SettleAsync(runId, cursor, view, cancellationToken);
    }

    /// <summary>
    /// The finished run once its steps' rows have caught up with its status (they are written by another consumer and
    /// may lag it a moment): no step still running, and for a success none still pending and the log's closing line read. Bounded by <see cref="SettleTime"/>.
    /// </summary>
    private async Task<RunSnapshot> SettleAsync(Guid runId, LogCursor cursor, IRunView view, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + SettleTime;
        while (true)
        {
            var run = await CatchUpAsync(runId, cursor, view, cancellationToken);
            // A succeeded attempt always ends its log with the worker's closing line, stored by its own consumer: wait for it too.
            var settled = !run.Steps.Any(s => s.Status == RunStatuses.Running || (run.Status == RunStatuses.Succeeded && s.Status == "pending"))
                && (run.Status != RunStatuses.Succeeded || cursor.EndedAttempt >= run.Attempt);
            if (settled || DateTime.UtcNow > until)
                return run;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private HubConnection Connect(Guid runId, ChannelWriter<Update> updates)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(client.Settings.Url, HubPath), options => options.AccessTokenProvider = () => Task.FromResult<string?>(client.Settings.ApiKey))
            .WithAutomaticReconnect()
            .Build();
        hub.On<JsonElement>("runUpdated", snapshot => updates.TryWrite(new Update(snapshot.Deserialize<RunSnapshot>(OpsBusClient.Json), null, false)));
        hub.On<JsonElement>("runLog", batch => updates.TryWrite(new Update(null, batch.Deserialize<LiveLogBatch>(OpsBusClient.Json), false)));
        hub.Reconnected += async _ =>
        {
            await hub.InvokeAsync("SubscribeRun", runId);
            updates.TryWrite(new Update(null, null, Resync: true));
        };
        return hub;
    }

    private async Task<bool> TryStartAsync(HubConnection hub, Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await hub.StartAsync(cancellationToken);
            await hub.InvokeAsync("SubscribeRun", runId, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or HubException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            await warnings.WriteLineAsync($"Live updates unavailable ({e.Message}); reading the run every {PollInterval.TotalSeconds:0.#} s instead.");
            return false;
        }
    }

    private async Task<RunSnapshot> ApplyAsync(Update update, RunSnapshot run, LogCursor cursor, IRunView view, CancellationToken cancellationToken)
    {
        if (update.Resync)
            return await CatchUpAsync(run.Id, cursor, view, cancellationToken);
        if (update.Run is { } pushed && pushed.Id == run.Id)
        {
            view.Show(pushed);
            return pushed;
        }
        if (update.Log is { } batch && batch.RunId == run.Id)
        {
            var fresh = batch.Items.Where(l => l.Seq > cursor.LastSeq).OrderBy(l => l.Seq).ToList();
            if (fresh.Count > 0 && cursor.Continues(fresh[0].Seq))
                Show(view, cursor.Accept(fresh));
            else if (fresh.Count > 0)
                await PageLogAsync(run.Id, cursor, view, cancellationToken);
        }
        return run;
    }

    private async Task<RunSnapshot> CatchUpAsync(Guid runId, LogCursor cursor, IRunView view, CancellationToken cancellationToken)
    {
        var run = (await client.GetRunAsync(runId, cancellationToken)).Value;
        await PageLogAsync(runId, cursor, view, cancellationToken);
        view.Show(run);
        return run;
    }

    private async Task PageLogAsync(Guid runId, LogCursor cursor, IRunView view, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = (await client.GetLogAsync(runId, cursor.LastSeq, LogPageSize, cancellationToken)).Value;
            Show(view, cursor.Accept(page.Items));
            if (page.Items.Count < LogPageSize)
                return;
        }
    }

    private static void Show(IRunView view, IReadOnlyList<RunEvent> lines)
    {
        if (lines.Count > 0)
            view.Write(lines);
    }

    /// <summary>Whether an update arrived within <paramref name="interval"/>.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<Update> reader, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interval);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The payload of <c>runLog</c>: the lines as <c>GET /api/runs/{id}/events</c> lists them.</summary>
    private sealed record LiveLogBatch(Guid RunId, IReadOnlyList<RunEvent> Items);

    private sealed record Update(RunSnapshot? Run, LiveLogBatch? Log, bool Resync);
}
