using MassTransit;
using OpsBus.Contracts;
using OpsBus.Notifier.Runs;

namespace OpsBus.Notifier.Consumers;

/// <summary>
/// Everything the notifier hears about runs, on this instance's own temporary queue: every instance hears every event
/// and serves the connections it holds. Requests and step events only teach the cache; status changes, log lines and stored artifacts are pushed.
/// </summary>
public sealed class RunEventsConsumer(RunCache cache, RunPusher pusher) :
    IConsumer<RunRequested>,
    IConsumer<RunStepStarted>,
    IConsumer<RunStepFinished>,
    IConsumer<RunStatusChanged>,
    IConsumer<RunLogAppended>,
    IConsumer<ArtifactStored>
{
    public Task Consume(ConsumeContext<RunRequested> context)
    {
        cache.Requested(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<RunStepStarted> context)
    {
        cache.StepStarted(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<RunStepFinished> context)
    {
        cache.StepFinished(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<RunStatusChanged> context) => pusher.StatusChanged(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<RunLogAppended> context) => pusher.LogAppended(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ArtifactStored> context) => pusher.ArtifactStored(context.Message, context.CancellationToken);
}
