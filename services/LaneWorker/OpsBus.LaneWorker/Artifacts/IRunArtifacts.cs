namespace OpsBus.LaneWorker.Artifacts;

/// <summary>
/// Where a step's artifacts go: the artifacts service over HTTP (<c>LaneWorker:ArtifactsAddress</c>, signed as a
/// worker), or the store in the same process in embedded mode. Implementations fail with a
/// <see cref="Actions.StepFailedException"/> saying whether another attempt may succeed. Actions attach through
/// <see cref="Actions.StepContext"/>, which masks secrets and logs the result.
/// </summary>
public interface IRunArtifacts
{
    /// <summary>Streams <paramref name="content"/> to the run's artifacts as <paramref name="kind"/> (<c>file</c>, <c>diff</c>, <c>markdown</c> or <c>json</c>).</summary>
    Task<AttachedArtifact> AttachAsync(Guid runId, string name, string kind, string contentType, Stream content, CancellationToken cancellationToken);

    /// <summary>Adds a link (an absolute http or https URL, no content) to the run's artifacts.</summary>
    Task<AttachedArtifact> AttachLinkAsync(Guid runId, string name, Uri url, CancellationToken cancellationToken);
}
