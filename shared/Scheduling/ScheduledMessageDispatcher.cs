using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsBus.Scheduling;

/// <summary>
/// Sends stored messages when due. Each row is claimed atomically before it is sent, so several instances can share
/// one table; a row is deleted only after its send, so a crash in between re-sends it once the claim expires
/// (at-least-once). Sleeps until the earliest due time or the poll interval, whichever is sooner.
/// </summary>
internal sealed partial class ScheduledMessageDispatcher<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    BusStartedSignal busStarted,
    DispatchWakeup wakeup,
    IOptions<DurableSchedulerOptions> options,
    ILogger<ScheduledMessageDispatcher<TDbContext>> logger) :
    BackgroundService
    where TDbContext : DbContext
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    readonly DurableSchedulerOptions _options = options.Value;
    DateTime _nextPurgeAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await busStarted.WaitAsync(stoppingToken);
            LogStarted(_options.InstanceId);

            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                wakeup.BeginRound();
                DateTime wakeAt;
                try
                {
                    wakeAt = await DispatchDue(stoppingToken);
                    failures = 0;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    var backoff = Backoff(failures);
                    LogRoundFailed(exception, failures, backoff);
                    wakeAt = DateTime.UtcNow + backoff;
                }

                await wakeup.SleepUntil(wakeAt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        LogStopped(_options.InstanceId);
    }

    /// <summary>Sends everything due now; returns when to look again.</summary>
    async Task<DateTime> DispatchDue(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = new ScheduledMessageStore(scope.ServiceProvider.GetRequiredService<TDbContext>());

        List<ScheduledMessage> due;
        do
        {
            due = await store.FindDue(DateTime.UtcNow, _options.BatchSize, cancellationToken);
            foreach (var message in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await store.TryClaim(message.TokenId, _options.InstanceId, DateTime.UtcNow + _options.LockDuration, cancellationToken))
                    continue;
                if (await store.DropIfRetired(message.TokenId, cancellationToken))
                    LogDroppedRetired(message.TokenId);
                else
                    await Forward(store, message, cancellationToken);
            }
        }
        while (due.Count == _options.BatchSize);

        await PurgeTombstones(store, cancellationToken);

        var nextDueAt = await store.NextDueAt(cancellationToken);
        var nextPollAt = DateTime.UtcNow + _options.PollInterval;
        return nextDueAt < nextPollAt ? nextDueAt.Value : nextPollAt;
    }

    async Task Forward(ScheduledMessageStore store, ScheduledMessage message, CancellationToken cancellationToken)
    {
        using var span = ScheduledTrace.StartForward(message);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri(message.DestinationAddress));
            await endpoint.Send(new SerializedMessageBody(), new StoredMessageSendPipe(message), cancellationToken);
        }
        catch (Exception exception)
        {
            // Give the row back: at once when stopping, so the next instance need not wait for the claim to expire.
            var stopping = cancellationToken.IsCancellationRequested;
            if (!stopping)
                LogSendFailed(exception, message.TokenId, message.DestinationAddress, _options.RetryDelay);

            var retryAt = DateTime.UtcNow + (stopping ? TimeSpan.Zero : _options.RetryDelay);
            await store.ShortenClaim(message.TokenId, _options.InstanceId, retryAt, CancellationToken.None);

            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        // Sent: finish the bookkeeping even if shutdown begins now, or the message would go out a second time.
        await store.Retire(message.TokenId, TombstoneReason.Sent, CancellationToken.None);
        LogSent(message.TokenId, message.DestinationAddress, message.DueAt, DateTime.UtcNow - message.DueAt);
    }

    async Task PurgeTombstones(ScheduledMessageStore store, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now < _nextPurgeAt)
            return;

        var purged = await store.PurgeTombstones(now - _options.TombstoneRetention, cancellationToken);
        _nextPurgeAt = now + PurgeInterval;
        if (purged > 0)
            LogPurged(purged);
    }

    TimeSpan Backoff(int failures)
    {
        var backoff = _options.PollInterval * Math.Pow(2, Math.Min(failures, 10));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    [LoggerMessage(LogLevel.Information, "Dispatching scheduled messages as {InstanceId}")]
    partial void LogStarted(string instanceId);

    [LoggerMessage(LogLevel.Information, "Stopped dispatching scheduled messages as {InstanceId}")]
    partial void LogStopped(string instanceId);

    [LoggerMessage(LogLevel.Debug, "Dropped scheduled message {TokenId}: it was stored again after it had been cancelled or sent")]
    partial void LogDroppedRetired(Guid tokenId);

    [LoggerMessage(LogLevel.Debug, "Sent scheduled message {TokenId} to {DestinationAddress}, due {DueAt:O}, late by {Lateness}")]
    partial void LogSent(Guid tokenId, string destinationAddress, DateTime dueAt, TimeSpan lateness);

    [LoggerMessage(LogLevel.Warning, "Sending scheduled message {TokenId} to {DestinationAddress} failed; retrying in {RetryDelay}")]
    partial void LogSendFailed(Exception exception, Guid tokenId, string destinationAddress, TimeSpan retryDelay);

    [LoggerMessage(LogLevel.Warning, "Scheduled message dispatch failed ({Failures} in a row); next attempt in {Backoff}")]
    partial void LogRoundFailed(Exception exception, int failures, TimeSpan backoff);

    [LoggerMessage(LogLevel.Debug, "Purged {Count} scheduling tombstones")]
    partial void LogPurged(int count);
}
