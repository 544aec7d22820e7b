using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests;

/// <summary>
/// Stands for the broker between the worker and the orchestrator, for heartbeats only: while it is cut, a heartbeat's
/// publish waits, as a publish to an unreachable broker does, until its caller gives up.
/// </summary>
internal sealed class HeartbeatGate
{
    private volatile bool _cut;

    public DateTime? CutAt { get; private set; }

    public int Confirmed => Volatile.Read(ref _confirmed);

    private int _confirmed;

    public void Cut()
    {
        CutAt = DateTime.UtcNow;
        _cut = true;
    }

    public async Task Pass(CancellationToken cancellationToken)
    {
        if (_cut)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        Interlocked.Increment(ref _confirmed);
    }
}

internal sealed class HeartbeatGateFilter<T>(HeartbeatGate gate) : IFilter<PublishContext<T>>
    where T : class
{
    public async Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        if (context.Message is RunHeartbeat)
            await gate.Pass(context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("heartbeat-gate");
}
