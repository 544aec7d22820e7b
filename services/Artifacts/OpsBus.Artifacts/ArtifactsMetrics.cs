using System.Diagnostics.Metrics;

namespace OpsBus.Artifacts;

/// <summary>The <c>OpsBus.Artifacts</c> meter: artifacts stored and what retention freed.</summary>
public sealed class ArtifactsMetrics
{
    public const string MeterName = "OpsBus.Artifacts";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _storedBytes;
    private readonly Counter<long> _retentionDeleted;
    private readonly Counter<long> _retentionBytesFreed;

    public ArtifactsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _stored = meter.CreateCounter<long>("opsbus.artifacts.stored", "{artifact}", "Artifacts stored.");
        _storedBytes = meter.CreateCounter<long>("opsbus.artifacts.stored.bytes", "By", "Bytes of artifact content stored.");
        _retentionDeleted = meter.CreateCounter<long>("opsbus.artifacts.retention.deleted", "{artifact}", "Artifacts deleted for being older than the retention period.");
        _retentionBytesFreed = meter.CreateCounter<long>("opsbus.artifacts.retention.bytes_freed", "By", "Bytes of content freed by retention.");
    }

    public void Stored(string kind, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _stored.Add(1, tag);
        _storedBytes.Add(bytes, tag);
    }

    public void RetentionDeleted(long count, long bytes)
    {
        _retentionDeleted.Add(count);
        _retentionBytesFreed.Add(bytes);
    }
}
