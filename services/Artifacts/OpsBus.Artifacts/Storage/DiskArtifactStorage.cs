using Microsoft.Extensions.Options;

namespace OpsBus.Artifacts.Storage;

/// <summary>
/// Artifacts as files under <see cref="ArtifactsOptions.DiskPath"/>. Content is written to a <c>.partial</c> file
/// and renamed when complete, so a reader never sees half an artifact and a failed write leaves nothing.
/// </summary>
public sealed class DiskArtifactStorage(IOptions<ArtifactsOptions> options) : IArtifactStorage
{
    private const int BufferSize = 81920;

    private readonly string _root = Path.GetFullPath(options.Value.DiskPath);

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                await content.CopyToAsync(file, BufferSize, cancellationToken);
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are made by this service (run and artifact ids), but a path outside the root is refused all the same.</summary>
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The storage key '{key}' leaves the storage folder.", nameof(key));
        return path;
    }
}
