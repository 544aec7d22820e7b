using System.Security.Cryptography;
using OpsBus.LaneWorker.Artifacts;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>The artifacts an adapter attached in an <see cref="AdapterRig"/> step, with their content, in order.</summary>
internal sealed class RecordedArtifacts : IRunArtifacts
{
    private readonly List<RecordedArtifact> _attached = [];

    public IReadOnlyList<RecordedArtifact> Attached
    {
        get
        {
            lock (_attached)
                return _attached.ToList();
        }
    }

    public async Task<AttachedArtifact> AttachAsync(Guid runId, string name, string kind, string contentType, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        var bytes = copy.ToArray();
        return Record(new RecordedArtifact(new AttachedArtifact(Guid.NewGuid(), name, kind, contentType, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), null), bytes));
    }

    public Task<AttachedArtifact> AttachLinkAsync(Guid runId, string name, Uri url, CancellationToken cancellationToken) =>
        Task.FromResult(Record(new RecordedArtifact(new AttachedArtifact(Guid.NewGuid(), name, "link", "text/uri-list", 0, null, url.AbsoluteUri), [])));

    private AttachedArtifact Record(RecordedArtifact artifact)
    {
        lock (_attached)
            _attached.Add(artifact);
        return artifact.Artifact;
    }
}

/// <summary>One attached artifact and the bytes it carried.</summary>
internal sealed record RecordedArtifact(AttachedArtifact Artifact, byte[] Content);
