using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>Every message the process sends or publishes on its bus, as JSON with its headers.</summary>
internal sealed class BusTraffic : ISendObserver, IPublishObserver
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public Task PreSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context)
        where T : class => Record("send", context);

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Record("send fault", context);

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class => Record("publish", context);

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Record("publish fault", context);

    private Task Record<T>(string how, SendContext<T> context)
        where T : class
    {
        var headers = string.Join("; ", context.Headers.GetAll().Select(h => $"{h.Key}={h.Value}"));
        _messages.Enqueue($"{how} {typeof(T).Name} to {context.DestinationAddress}: {JsonSerializer.Serialize(context.Message, context.Message.GetType())} [{headers}]");
        return Task.CompletedTask;
    }
}
