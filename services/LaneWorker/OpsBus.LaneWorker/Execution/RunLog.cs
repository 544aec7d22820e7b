using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// A run's log on its way to the orchestrator: lines are numbered per attempt and published in batches
/// (every <c>LogFlushInterval</c> or <c>LogBatchSize</c> lines), so a crash loses at most the last fraction of a second.
/// A batch that cannot be published is kept and tried again with the next one. Every line is masked with the run's
/// secrets as it is written, whoever writes it.
/// </summary>
public sealed class RunLog : IAsyncDisposable
{
    private readonly Guid _runId;
    private readonly int _attempt;
    private readonly IPublishEndpoint _publish;
    private readonly int _batchSize;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly RunSecrets? _secrets;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _batchReady = new(0);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private List<RunLogLine> _pending = [];
    private int _lineNumber;

    public RunLog(Guid runId, int attempt, IPublishEndpoint publish, TimeSpan interval, int batchSize, ILogger logger, RunSecrets? secrets = null)
    {
        _secrets = secrets;
        _runId = runId;
        _attempt = attempt;
        _publish = publish;
        _interval = interval;
        _batchSize = batchSize;
        _logger = logger;
        _loop = Task.Run(FlushPeriodicallyAsync);
    }

    public void Write(string level, string source, string message)
    {
        if (_secrets is not null)
            message = _secrets.Mask(message);
        lock (_gate)
        {
            _pending.Add(new RunLogLine(RunLogLine.SequenceOf(_attempt, ++_lineNumber), DateTime.UtcNow, level, source, message));
            if (_pending.Count == _batchSize)
                _batchReady.Release();
        }
    }

    private bool HasPending
    {
        get
        {
            lock (_gate)
                return _pending.Count > 0;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            List<RunLogLine> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                    return;
                batch = _pending;
                _pending = [];
            }

            try
            {
                await _publish.Publish(new RunLogAppended(_runId, _attempt, batch), cancellationToken);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Publishing {Count} log lines of run {RunId} failed; keeping them for the next batch", batch.Count, _runId);
                lock (_gate)
                {
                    batch.AddRange(_pending);
                    _pending = batch;
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushPeriodicallyAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _batchReady.WaitAsync(_interval, _stop.Token);
                // Not cancelled by the stop: a batch already taken must finish publishing or go back in the queue.
                await FlushAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        // The last lines go before the outcome; a failed publish is tried again a few times (the bus reconnects).
        for (var attempt = 1; attempt <= 5 && HasPending; attempt++)
        {
            if (attempt > 1)
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            await FlushAsync();
        }
        _stop.Dispose();
    }
}
