using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using OpsBus.Artifacts.Api;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

public sealed class When_an_artifact_is_uploaded_raw
{
    [Fact]
    public async Task Should_store_its_size_and_sha256_and_serve_it_back_by_list_metadata_and_content()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var content = Encoding.UTF8.GetBytes("all 12 checks passed\n");

        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "report.txt", content, "text/plain; charset=utf-8"));

        Assert.Equal((runId, "file", "report.txt", "text/plain; charset=utf-8", content.LongLength, Uploads.Sha256(content), "alice"),
            (stored.RunId, stored.Kind, stored.Name, stored.ContentType, stored.Size, stored.Sha256, stored.CreatedBy));
        Assert.Equal(stored, await alice.GetFromJsonAsync<ArtifactResponse>($"/api/artifacts/{stored.Id}"));
        Assert.Equal([stored], await alice.GetFromJsonAsync<List<ArtifactResponse>>($"/api/runs/{runId}/artifacts"));

        using var download = await alice.GetAsync($"/api/artifacts/{stored.Id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", download.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("report.txt", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Should_publish_ArtifactStored_after_the_metadata_commit()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var content = Encoding.UTF8.GetBytes("{\"ok\":true}");

        var stored = await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, "result.json", content, "application/json", kind: "json"));

        var published = await Eventually.Get(() => Task.FromResult(host.StoredEvents.SingleOrDefault()), TimeSpan.FromSeconds(10), "ArtifactStored");
        Assert.Equal(
            new Contracts.ArtifactStored(runId, stored.Id, "json", "result.json", "application/json", content.Length, Uploads.Sha256(content), null, "alice", stored.CreatedAt),
            published);
    }

    [Fact]
    public async Task Should_answer_a_range_request_with_206_and_exactly_those_bytes()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var content = Uploads.Bytes(10_000);
        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "blob.bin", content, "application/octet-stream"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/artifacts/{stored.Id}/content");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var partial = await alice.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/10000", partial.Content.Headers.ContentRange!.ToString());
    }
}

public sealed class When_an_upload_names_no_kind_of_content
{
    [Theory]
    [InlineData("link")]
    [InlineData("exe")]
    public async Task Should_refuse_it_naming_the_kind_field(string kind)
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");

        using var response = await Uploads.Raw(host.As("alice:operator"), runId, "x.bin", [1, 2, 3], kind: kind);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"kind\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.ContentFiles());
    }
}

public sealed class When_an_artifact_is_uploaded_as_multipart
{
    [Fact]
    public async Task Should_store_the_file_field_with_its_name_and_content_type()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var content = Encoding.UTF8.GetBytes("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/x-diff");
        using var form = new MultipartFormDataContent { { new StringContent("ignored"), "comment" }, { file, "file", "change.diff" } };

        var stored = await Uploads.Stored(await alice.PostAsync($"/api/runs/{runId}/artifacts?kind=diff", form));

        Assert.Equal(("diff", "change.diff", "text/x-diff", content.LongLength, Uploads.Sha256(content)), (stored.Kind, stored.Name, stored.ContentType, stored.Size, stored.Sha256));
        Assert.Equal(content, await alice.GetByteArrayAsync($"/api/artifacts/{stored.Id}/content"));
    }

    [Fact]
    public async Task Should_refuse_a_form_without_a_file_field()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await host.As("alice:operator").PostAsync($"/api/runs/{runId}/artifacts", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'file' field", await response.Content.ReadAsStringAsync());
    }
}

public sealed class When_a_link_is_stored
{
    [Fact]
    public async Task Should_keep_the_url_without_content_and_redirect_to_it()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");

        var stored = await Uploads.Stored(await alice.PostAsJsonAsync($"/api/runs/{runId}/artifacts",
            new { kind = "link", name = "Build log", url = "https://ci.example.com/build/42" }));

        Assert.Equal(("link", "Build log", "https://ci.example.com/build/42", 0L, (string?)null), (stored.Kind, stored.Name, stored.Url, stored.Size, stored.Sha256));
        Assert.Empty(host.ContentFiles());
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "alice:operator");
        using var content = await noRedirects.GetAsync($"/api/artifacts/{stored.Id}/content");
        Assert.Equal(HttpStatusCode.Redirect, content.StatusCode);
        Assert.Equal("https://ci.example.com/build/42", content.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("javascript:alert(1)", "url")]
    [InlineData("/relative", "url")]
    [InlineData(null, "url")]
    public async Task Should_refuse_a_url_that_is_not_absolute_http(string? url, string field)
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");

        using var response = await host.As("alice:operator").PostAsJsonAsync($"/api/runs/{runId}/artifacts", new { kind = "link", name = "x", url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.Query(db => Task.FromResult(db.Artifacts.Count())));
    }
}
