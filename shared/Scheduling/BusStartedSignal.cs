using MassTransit;

namespace OpsBus.Scheduling;

/// <summary>Holds the dispatcher back until the bus runs, so nothing is sent into a bus still connecting.</summary>
internal sealed class BusStartedSignal : IBusObserver
{
    readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
