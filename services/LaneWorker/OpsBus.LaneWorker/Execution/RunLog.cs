using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// A run's log on its way to the orchestrator: lines are numbered per attempt and published in batches of at most
/// <c>LogBatchSize</c> lines (every <c>LogFlushInterval</c>, or as soon as a batch is full), so a crash loses at most
/// the last fraction of a second. A batch that cannot be published is kept and tried again with the next one.
/// Every line is masked with the run's secrets as it is written, whoever writes it.
/// <para>
/// Bounded: at most <see cref="BufferedBatches"/> batches' worth of lines wait to be published. A step writing faster
/// than the bus takes them waits in <see cref="Write"/> until a batch has gone out: no line is dropped and the buffer
/// does not grow, whatever the step writes. A step also waits past <c>LogLinesPerSecond</c> (after a burst of one
/// buffer's worth): the bus may take lines faster than the orchestrator stores them, and in embedded mode the
/// in-memory transport would hold the difference in the process.
/// </para>
/// </summary>
public sealed class RunLog : IAsyncDisposable
{
    /// <summary>How many batches may wait to be published before a writer waits.</summary>
    public const int BufferedBatches = 10;

    private readonly Guid _runId;
    private readonly int _attempt;
    private readonly IPublishEndpoint _publish;
    private readonly int _batchSize;
    private readonly int _capacity;
    private readonly TimeSpan _interval;
    private readonly double _linesPerTick;
    private readonly ILogger _logger;
    private readonly RunSecrets? _secrets;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _batchReady = new(0);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private List<RunLogLine> _pending = [];

    /// <summary>Lines written and not published yet: those pending and those of the batch being published.</summary>
    private int _unpublished;

    private int _lineNumber;

    /// <summary>Lines that may be written now without waiting for the rate (a token bucket, refilled as time passes).</summary>
    private double _allowance;

    private long _refilledAt = Stopwatch.GetTimestamp();

    /// <summary>A log for one attempt; <paramref name="linesPerSecond"/> is the most lines per second it takes, null for no limit.</summary>
    public RunLog(Guid runId, int attempt, IPublishEndpoint publish, TimeSpan interval, int batchSize, ILogger logger, RunSecrets? secrets = null,
        int? linesPerSecond = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (linesPerSecond is { } rate)
            ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1, nameof(linesPerSecond));
        _linesPerTick = linesPerSecond is { } perSecond ? (double)perSecond / Stopwatch.Frequency : double.PositiveInfinity;
        _secrets = secrets;
        _runId = runId;
        _attempt = attempt;
        _publish = publish;
        _interval = interval;
        _batchSize = batchSize;
        _capacity = batchSize * BufferedBatches;
        _allowance = _capacity;
        _logger = logger;
        _loop = Task.Run(FlushPeriodicallyAsync);
    }

    /// <summary>
    /// Adds a line; waits while <see cref="BufferedBatches"/> batches are already waiting to be published, or while the
    /// run writes faster than its rate allows.
    /// </summary>
    public void Write(string level, string source, string message, JsonElement? data = null)
    {
        if (_secrets is not null)
            message = _secrets.Mask(message);
        lock (_gate)
        {
            while (true)
            {
                if (_unpublished >= _capacity)
                    Monitor.Wait(_gate);
                else if (WaitForRate() is { } wait)
                    Monitor.Wait(_gate, wait);
                else
                    break;
            }
            _pending.Add(new RunLogLine(RunLogLine.SequenceOf(_attempt, ++_lineNumber), DateTime.UtcNow, level, source, message, data));
            _unpublished++;
            if (_pending.Count % _batchSize == 0)
                _batchReady.Release();
        }
    }

    /// <summary>Takes one line of the allowance, or says how long until there is one (at least a millisecond).</summary>
    private TimeSpan? WaitForRate()
    {
        if (double.IsPositiveInfinity(_linesPerTick))
            return null;
        var now = Stopwatch.GetTimestamp();
        _allowance = Math.Min(_capacity, _allowance + (now - _refilledAt) * _linesPerTick);
        _refilledAt = now;
        if (_allowance >= 1)
        {
            _allowance--;
            return null;
        }
        return TimeSpan.FromMilliseconds(Math.Max(1, (1 - _allowance) / _linesPerTick / Stopwatch.Frequency * 1000));
    }

    private bool HasPending
    {
        get
        {
            lock (_gate)
                return _pending.Count > 0;
        }
    }

    /// <summary>Publishes what is pending, a batch at a time; stops at the first batch the bus refuses (it is kept).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            while (TakeBatch() is { } batch)
            {
                if (!await PublishAsync(batch, cancellationToken))
                    return;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private List<RunLogLine>? TakeBatch()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
                return null;
            if (_pending.Count <= _batchSize)
            {
                var all = _pending;
                _pending = [];
                return all;
            }
            var batch = _pending.GetRange(0, _batchSize);
            _pending.RemoveRange(0, _batchSize);
            return batch;
        }
    }

    private async Task<bool> PublishAsync(List<RunLogLine> batch, CancellationToken cancellationToken)
    {
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
            return false;
        }

        lock (_gate)
        {
            _unpublished -= batch.Count;
            Monitor.PulseAll(_gate);
        }
        return true;
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
