using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Testing;

namespace OpsBus.Scheduling.Tests.Infrastructure;

public sealed record Delivery(object Message, DateTime ReceivedAt, Guid? SchedulingTokenId, string[] MessageTypes, string Host);

/// <summary>Every message the test consumers received, across all hosts of a scenario.</summary>
public sealed class Deliveries
{
    readonly ConcurrentQueue<Delivery> _received = new();

    public IReadOnlyList<Delivery> All => _received.ToArray();

    public void Record<T>(ConsumeContext<T> context, string host)
        where T : class =>
        _received.Enqueue(new Delivery(context.Message, DateTime.UtcNow, context.GetSchedulingTokenId(), context.SupportedMessageTypes.ToArray(), host));

    public IReadOnlyList<Delivery> Of<T>(Func<T, bool> match) =>
        All.Where(d => d.Message is T message && match(message)).ToList();

    public Task<Delivery> WaitFor<T>(Func<T, bool> match, TimeSpan deadline, string what) =>
        Eventually.Get(() => Task.FromResult(Of(match).FirstOrDefault()), deadline, what);
}
