namespace OpsBus.Artifacts.Storage;

/// <summary>Where artifact content lives: local disk or an S3-compatible store.</summary>
public interface IArtifactStorage
{
    /// <summary>
    /// Streams <paramref name="content"/> to <paramref name="key"/> until it ends. Either all of it is stored or, when
    /// reading or writing fails (including cancellation), nothing is: the exception propagates after the partial content is removed.
    /// </summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The content of <paramref name="key"/>, <paramref name="length"/> bytes long, as a seekable stream (for range requests).</summary>
    Task<Stream> OpenReadAsync(string key, long length, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="key"/>; removing what is not there is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
