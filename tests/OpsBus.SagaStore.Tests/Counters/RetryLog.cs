using System.Collections.Concurrent;
using MassTransit;

namespace OpsBus.SagaStore.Tests.Counters;

/// <summary>Keeps the exception of every failed attempt that was retried, to show which race a test provoked.</summary>
public sealed class RetryLog : IRetryObserver
{
    readonly ConcurrentQueue<Exception> _faults = new();

    public IReadOnlyCollection<Exception> Faults => _faults;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        _faults.Enqueue(context.Exception);
        return Task.CompletedTask;
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext
    {
        return Task.CompletedTask;
    }

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        return Task.CompletedTask;
    }

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        return Task.CompletedTask;
    }

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        return Task.CompletedTask;
    }
}
