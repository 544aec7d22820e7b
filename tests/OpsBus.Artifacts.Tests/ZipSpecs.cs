using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace OpsBus.Artifacts.Tests;

public sealed class When_a_runs_artifacts_are_downloaded_as_a_zip
{
    [Fact]
    public async Task Should_stream_every_artifact_into_an_archive_that_unzips_to_the_same_content()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var report = Encoding.UTF8.GetBytes("all good");
        var blob = Uploads.Bytes(300_000);
        await Uploads.Stored(await Uploads.Raw(alice, runId, "report.txt", report));
        await Uploads.Stored(await Uploads.Raw(alice, runId, "blob.bin", blob, "application/octet-stream"));
        await Uploads.Stored(await Uploads.Raw(alice, runId, "report.txt", Encoding.UTF8.GetBytes("second report")));
        await Uploads.Stored(await alice.PostAsJsonAsync($"/api/runs/{runId}/artifacts", new { kind = "link", name = "ci", url = "https://ci.example.com/1" }));

        using var response = await alice.GetAsync($"/api/runs/{runId}/artifacts.zip", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var archive = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
        Assert.Equal(["report.txt", "blob.bin", "report (2).txt", "ci.url"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(report, Read(zip.GetEntry("report.txt")!));
        Assert.Equal(blob, Read(zip.GetEntry("blob.bin")!));
        Assert.Equal("second report", Encoding.UTF8.GetString(Read(zip.GetEntry("report (2).txt")!)));
        Assert.Contains("URL=https://ci.example.com/1", Encoding.UTF8.GetString(Read(zip.GetEntry("ci.url")!)));
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
