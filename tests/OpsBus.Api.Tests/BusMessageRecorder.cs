using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;

namespace OpsBus.Api.Tests;

/// <summary>Keeps every message published or sent on the bus as JSON, to prove what never travels on it.</summary>
internal sealed class BusMessageRecorder : IPublishObserver, ISendObserver
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages.ToArray();

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Record(context.Message);

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    public Task PreSend<T>(SendContext<T> context)
        where T : class => Record(context.Message);

    public Task PostSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    private Task Record<T>(T message)
    {
        _messages.Enqueue(typeof(T).Name + " " + JsonSerializer.Serialize(message, ApiClient.Json));
        return Task.CompletedTask;
    }
}
