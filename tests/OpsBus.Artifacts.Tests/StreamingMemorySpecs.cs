using System.Net.Http.Headers;

namespace OpsBus.Artifacts.Tests;

/// <summary>Sampling the heap of the whole process: this class must not run beside others, whose allocations would count.</summary>
[CollectionDefinition(nameof(StreamingMemory), DisableParallelization = true)]
public sealed class StreamingMemory;

[Collection(nameof(StreamingMemory))]
public sealed class When_a_large_artifact_is_uploaded
{
    private const long UploadBytes = 256L * 1024 * 1024;
    private const long AllowedGrowthBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task Should_stream_it_to_storage_without_the_live_heap_growing_by_64_MB()
    {
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?> { ["Artifacts:MaxUploadBytes"] = (UploadBytes * 2).ToString() });
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        await Uploads.Stored(await Uploads.Raw(alice, runId, "warm-up.bin", Uploads.Bytes(1024)));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        var generated = new GeneratedContent(UploadBytes, sampleEvery: 16L * 1024 * 1024);
        var body = new StreamContent(generated, 64 * 1024);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var stored = await Uploads.Stored(await alice.PostAsync($"/api/runs/{runId}/artifacts?name=huge.bin", body));

        Assert.Equal((UploadBytes, generated.Sha256), (stored.Size, stored.Sha256));
        Assert.Equal(UploadBytes, new FileInfo(host.ContentFiles().Single(f => f.EndsWith(stored.Id.ToString("N"), StringComparison.Ordinal))).Length);
        var growth = generated.PeakLiveHeapBytes - baseline;
        Assert.True(growth < AllowedGrowthBytes, $"The live heap grew by {growth / (1024 * 1024)} MB during the upload.");
    }
}
