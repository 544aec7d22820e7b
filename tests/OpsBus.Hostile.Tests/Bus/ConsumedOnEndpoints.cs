using System.Collections.Concurrent;
using MassTransit;

namespace OpsBus.Hostile.Tests.Bus;

/// <summary>The ids of the messages a consumer or saga of the host finished with, by the queue they came from.</summary>
internal sealed class ConsumedOnEndpoints : IReceiveObserver
{
    private readonly ConcurrentQueue<(string Queue, Guid? MessageId)> _consumed = new();

    public bool Has(string queue, Guid messageId) => _consumed.Contains((queue, messageId));

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class
    {
        _consumed.Enqueue((context.ReceiveContext.InputAddress.AbsolutePath.Split('/').Last(), context.MessageId));
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
