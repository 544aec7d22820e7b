using System.Collections.Concurrent;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.Artifacts.Tests;

/// <summary>Keeps every <see cref="ArtifactStored"/> the test host's bus delivered.</summary>
internal sealed class StoredEventRecorder
{
    private readonly ConcurrentQueue<ArtifactStored> _events = new();

    public IReadOnlyCollection<ArtifactStored> Events => _events.ToArray();

    internal sealed class ArtifactStoredRecordingConsumer(StoredEventRecorder recorder) : IConsumer<ArtifactStored>
    {
        public Task Consume(ConsumeContext<ArtifactStored> context)
        {
            recorder._events.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
