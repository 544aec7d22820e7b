using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using OpsBus.Contracts;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// An <see cref="IPublishEndpoint"/> that keeps the lines of every <see cref="RunLogAppended"/> a <c>RunLog</c> publishes,
/// and every other message a step publishes, so a step can run with its real log and no bus.
/// </summary>
public class RecordingPublishEndpoint : DispatchProxy
{
    private readonly ConcurrentQueue<RunLogLine> _lines = new();
    private readonly ConcurrentQueue<object> _published = new();

    public IReadOnlyList<RunLogLine> Lines => _lines.ToList();

    /// <summary>What the step itself published, in order (not the log).</summary>
    public IReadOnlyList<object> Published => _published.ToList();

    public static (IPublishEndpoint Endpoint, RecordingPublishEndpoint Recorder) Create()
    {
        var endpoint = Create<IPublishEndpoint, RecordingPublishEndpoint>();
        return (endpoint, (RecordingPublishEndpoint)(object)endpoint);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != nameof(IPublishEndpoint.Publish) || args is not [{ } message, CancellationToken])
            throw new NotSupportedException($"A step publishes a message with a cancellation token only; {targetMethod?.Name} was called.");
        if (message is RunLogAppended appended)
        {
            foreach (var line in appended.Lines)
                _lines.Enqueue(line);
        }
        else
        {
            _published.Enqueue(message);
        }
        return Task.CompletedTask;
    }
}
