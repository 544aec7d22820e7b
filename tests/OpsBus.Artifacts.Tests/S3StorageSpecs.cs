using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Artifacts.Retention;

namespace OpsBus.Artifacts.Tests;

public sealed class When_artifacts_are_kept_in_an_s3_compatible_store
{
    [Fact]
    public async Task Should_put_get_with_ranges_and_delete_objects_path_style()
    {
        await using var s3 = await FakeS3.StartAsync();
        await using var host = await ArtifactsHost.StartAsync(S3Settings(s3));
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var content = Uploads.Bytes(50_000);

        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "trace.bin", content, "application/octet-stream"));

        Assert.Equal(content, s3.Objects[$"artifacts/{runId:N}/{stored.Id:N}"]);
        Assert.Equal(Uploads.Sha256(content), stored.Sha256);
        Assert.Equal(content, await alice.GetByteArrayAsync($"/api/artifacts/{stored.Id}/content"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/artifacts/{stored.Id}/content");
        request.Headers.Range = new RangeHeaderValue(40_000, 40_009);
        using var partial = await alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[40_000..40_010], await partial.Content.ReadAsByteArrayAsync());
        Assert.Empty(host.ContentFiles());

        host.Clock.Advance(TimeSpan.FromDays(91));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArtifactRetention>().SweepAsync(CancellationToken.None);
        Assert.Empty(s3.Objects);
        Assert.Contains("DELETE object", s3.Operations);
    }

    [Fact]
    public async Task Should_send_content_larger_than_a_part_as_a_multipart_upload()
    {
        await using var s3 = await FakeS3.StartAsync();
        await using var host = await ArtifactsHost.StartAsync(S3Settings(s3));
        var runId = await host.RunOf("alice");
        var content = Uploads.Bytes(Storage.S3ArtifactStorage.PartSize + 123_456);

        var stored = await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, "big.bin", content, "application/octet-stream"));

        Assert.Equal(["POST initiate", "PUT part", "PUT part", "POST complete"], s3.Operations);
        Assert.Equal(content, s3.Objects[$"artifacts/{runId:N}/{stored.Id:N}"]);
        Assert.Equal((content.LongLength, Uploads.Sha256(content)), (stored.Size, stored.Sha256));
    }

    private static Dictionary<string, string?> S3Settings(FakeS3 s3) => new()
    {
        ["Artifacts:Storage"] = "S3",
        ["Artifacts:S3ServiceUrl"] = s3.BaseAddress.ToString(),
        ["Artifacts:S3Bucket"] = "artifacts",
        ["Artifacts:S3AccessKey"] = "test-access",
        ["Artifacts:S3SecretKey"] = "test-secret",
    };
}
