using System.Threading.Channels;

namespace OpsBus.Gateway.Audit;

/// <summary>
/// The queue between the request path and <see cref="AuditWriter"/>. Bounded so a stalled database cannot exhaust
/// memory; when it is full a request waits for room rather than losing its entry.
/// </summary>
public sealed class AuditLog
{
    public const int Capacity = 10_000;

    private readonly Channel<AuditEntry> _entries = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ValueTask RecordAsync(AuditEntry entry, CancellationToken cancellationToken) => _entries.Writer.WriteAsync(entry, cancellationToken);

    internal ChannelReader<AuditEntry> Reader => _entries.Reader;

    internal void Complete() => _entries.Writer.TryComplete();
}
