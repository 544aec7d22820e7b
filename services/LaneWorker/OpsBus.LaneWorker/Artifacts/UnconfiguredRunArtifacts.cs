using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Artifacts;

/// <summary>A distributed worker without <c>LaneWorker:ArtifactsAddress</c>: every attach fails the step for good, saying what to set.</summary>
public sealed class UnconfiguredRunArtifacts : IRunArtifacts
{
    public static UnconfiguredRunArtifacts Instance { get; } = new();

    public Task<AttachedArtifact> AttachAsync(Guid runId, string name, string kind, string contentType, Stream content, CancellationToken cancellationToken) =>
        throw Unconfigured();

    public Task<AttachedArtifact> AttachLinkAsync(Guid runId, string name, Uri url, CancellationToken cancellationToken) => throw Unconfigured();

    private static StepFailedException Unconfigured() =>
        new($"this worker cannot attach artifacts: set {LaneWorkerOptions.SectionName}:{nameof(LaneWorkerOptions.ArtifactsAddress)} to the artifacts service's URL.", retryable: false);
}
