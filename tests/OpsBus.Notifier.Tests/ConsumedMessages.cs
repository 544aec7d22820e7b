using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Testing;

namespace OpsBus.Notifier.Tests;

/// <summary>Every message the host's consumers finished with, so a test can wait until a push has gone out.</summary>
internal sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentQueue<object> _messages = new();

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public int Count<T>(Func<T, bool> match)
        where T : class => _messages.OfType<T>().Count(match);

    public Task WaitFor<T>(Func<T, bool> match)
        where T : class =>
        Eventually.True(() => Task.FromResult(_messages.OfType<T>().Any(match)), TimeSpan.FromSeconds(10),
            $"{typeof(T).Name} to be consumed", TimeSpan.FromMilliseconds(5));
}
