using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// An <see cref="IPublishEndpoint"/> that keeps the lines of every <see cref="RunLogAppended"/> a <c>RunLog</c> publishes,
/// so a step can run with its real log and no bus.
/// </summary>
public class RecordingPublishEndpoint : DispatchProxy
{
    private readonly ConcurrentQueue<RunLogLine> _lines = new();

    public IReadOnlyList<RunLogLine> Lines => _lines.ToList();

    public static (IPublishEndpoint Endpoint, RecordingPublishEndpoint Recorder) Create()
    {
        var endpoint = Create<IPublishEndpoint, RecordingPublishEndpoint>();
        return (endpoint, (RecordingPublishEndpoint)(object)endpoint);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != nameof(IPublishEndpoint.Publish) || args is not [RunLogAppended appended, ..])
            throw new NotSupportedException($"A step's log only publishes {nameof(RunLogAppended)}; {targetMethod?.Name} was called.");
        foreach (var line in appended.Lines)
            _lines.Enqueue(line);
        return Task.CompletedTask;
    }
}
