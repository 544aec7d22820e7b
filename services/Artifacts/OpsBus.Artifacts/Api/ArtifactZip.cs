using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Runs;
using OpsBus.Artifacts.Storage;

namespace OpsBus.Artifacts.Api;

/// <summary>
/// <c>GET /api/runs/{id}/artifacts.zip</c>: every artifact of a run, zipped on the fly straight into the response (no
/// temporary file, one artifact open at a time). A link becomes an internet shortcut (<c>name.url</c>); names repeated
/// within the run get a counter.
/// </summary>
internal static class ArtifactZip
{
    private const int ChunkSize = 81920;

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Download(
        string id, HttpResponse response, ClaimsPrincipal caller, ArtifactsDbContext db, RunOwners owners, IArtifactStorage storage,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
            return ApiProblems.RunNotFound(id);
        var artifacts = await ArtifactsApi.RunArtifactsAsync(db, runId, cancellationToken);
        if (!caller.MayReadFrom(await owners.OfAsync(runId, artifacts.FirstOrDefault(), caller.MayReadFrom, cancellationToken)))
            return ApiProblems.RunNotFound(id);

        ArtifactsApi.ServeAsDownload(response);
        return TypedResults.Stream(
            body => WriteAsync(body, artifacts, storage, cancellationToken),
            "application/zip",
            $"run-{runId:N}-artifacts.zip");
    }

    private static async Task WriteAsync(Stream body, IReadOnlyList<ArtifactRecord> artifacts, IArtifactStorage storage, CancellationToken cancellationToken)
    {
        var names = new EntryNames();
        var sink = new AsyncDrainedStream(body);
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var artifact in artifacts)
        {
            var entry = zip.CreateEntry(names.Unique(artifact.StorageKey is null ? artifact.Name + ".url" : artifact.Name), CompressionLevel.Fastest);
            entry.LastWriteTime = artifact.CreatedAt;
            var target = await entry.OpenAsync(cancellationToken);
            if (artifact.StorageKey is null)
            {
                await target.WriteAsync(Encoding.UTF8.GetBytes($"[InternetShortcut]\r\nURL={artifact.Url}\r\n"), cancellationToken);
            }
            else
            {
                await using var content = await storage.OpenReadAsync(artifact.StorageKey, artifact.Size, cancellationToken);
                var chunk = new byte[ChunkSize];
                int read;
                while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                    await sink.DrainAsync(cancellationToken);
                }
            }
            // Closing an entry writes its last block synchronously: into the sink, drained right after.
            target.Dispose();
            await sink.DrainAsync(cancellationToken);
        }
        await zip.DisposeAsync();
        await sink.FlushAsync(cancellationToken);
    }

    /// <summary>Entry names unique within the archive: <c>a.txt</c>, <c>a (2).txt</c>, ...</summary>
    private sealed class EntryNames
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public string Unique(string name)
        {
            var candidate = name;
            for (var n = 2; !_used.Add(candidate); n++)
                candidate = $"{Path.GetFileNameWithoutExtension(name)} ({n}){Path.GetExtension(name)}";
            return candidate;
        }
    }
}
