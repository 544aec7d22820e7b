using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Notifier.Hubs;

namespace OpsBus.Notifier.Runs;

/// <summary>
/// Turns a burst of a run's log batches into a few large <see cref="RunsHub.RunLog"/> messages. The first batch after a
/// quiet spell goes out at once; batches arriving within <see cref="NotifierOptions.LogCoalesceWindow"/> of a push are
/// held and go out together when the window ends, or as soon as <see cref="NotifierOptions.LogCoalesceMaxLines"/> are
/// held, whichever comes first. So no batch waits longer than the window, a run's pushes go out one at a time in the
/// order its lines arrived, and each holds its lines in sequence order. Bounded: a run holds at most the maximum
/// (a full run's push is awaited by the consumer that filled it, so the bus waits too), and only while it is logging.
/// Expects one batch of a run at a time, as the run-partitioned consumer delivers them.
/// </summary>
public sealed class RunLogCoalescer(IOptions<NotifierOptions> options, ILogger<RunLogCoalescer> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, HeldLines> _runs = [];

    /// <summary>Pushes the lines of one run to whoever follows it.</summary>
    public delegate Task Push(Guid runId, IReadOnlyList<RunLogItem> items, CancellationToken cancellationToken);

    public async Task Add(Guid runId, IReadOnlyList<RunLogItem> items, Push push, CancellationToken cancellationToken)
    {
        var window = options.Value.LogCoalesceWindow;
        if (window == TimeSpan.Zero)
        {
            await push(runId, items, cancellationToken);
            return;
        }

        HeldLines? held;
        bool quiet, full;
        lock (_lock)
        {
            quiet = !_runs.TryGetValue(runId, out held);
            if (held is null)
                _runs[runId] = held = new HeldLines();
            held.Lines.AddRange(items);
            full = held.Lines.Count >= options.Value.LogCoalesceMaxLines;
        }

        // The window starts first, so that lines held here always have a push coming, whatever happens to this one.
        if (quiet)
            _ = FlushEachWindow(runId, held, push, window);
        if (quiet || full)
            await Flush(runId, held, push, cancellationToken);
    }

    /// <summary>Pushes what arrived during each window; once a window passes with nothing, the run is quiet again.</summary>
    private async Task FlushEachWindow(Guid runId, HeldLines held, Push push, TimeSpan window)
    {
        try
        {
            while (true)
            {
                await Task.Delay(window);
                if (await Flush(runId, held, push, CancellationToken.None))
                    continue;
                lock (_lock)
                {
                    if (held.Lines.Count == 0)
                    {
                        _runs.Remove(runId);
                        return;
                    }
                }
            }
        }
        catch (Exception exception)
        {
            lock (_lock)
                _runs.Remove(runId);
            logger.LogWarning(exception, "Could not push the held log lines of run {RunId}", runId);
        }
    }

    private async Task<bool> Flush(Guid runId, HeldLines held, Push push, CancellationToken cancellationToken)
    {
        await held.Sending.WaitAsync(cancellationToken);
        try
        {
            List<RunLogItem> lines;
            lock (_lock)
            {
                if (held.Lines.Count == 0)
                    return false;
                lines = held.Lines;
                held.Lines = [];
            }
            await push(runId, InSequence(lines), cancellationToken);
            return true;
        }
        finally
        {
            held.Sending.Release();
        }
    }

    /// <summary>Batches arrive in order unless one was redelivered; a stable sort keeps a redelivered line next to its twin.</summary>
    private static List<RunLogItem> InSequence(List<RunLogItem> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Seq < lines[i - 1].Seq)
                return [.. lines.OrderBy(l => l.Seq)];
        }
        return lines;
    }

    private sealed class HeldLines
    {
        public List<RunLogItem> Lines { get; set; } = [];

        /// <summary>One push of the run at a time, so they leave in the order their lines were taken.</summary>
        public SemaphoreSlim Sending { get; } = new(1, 1);
    }
}
