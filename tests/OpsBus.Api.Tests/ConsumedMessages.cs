using Microsoft.Extensions.DependencyInjection;
using MassTransit;

namespace OpsBus.Api.Tests;

/// <summary>Counts the messages of one type the host's consumers finished with, to wait on what leaves no other trace.</summary>
internal sealed class ConsumedMessages<T> : IConsumeObserver
    where T : class
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static ConsumedMessages<T> Observe(ApiHost api)
    {
        var observer = new ConsumedMessages<T>();
        api.Services.GetRequiredService<IBus>().ConnectConsumeObserver(observer);
        return observer;
    }

    public Task PreConsume<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class => Task.CompletedTask;

    public Task PostConsume<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class
    {
        if (context.Message is T)
            Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<TMessage>(ConsumeContext<TMessage> context, Exception exception)
        where TMessage : class => Task.CompletedTask;
}
