using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

public sealed class When_an_upload_is_over_the_size_limit
{
    [Fact]
    public async Task Should_answer_413_and_keep_no_row_and_no_file_whether_raw_chunked_or_multipart()
    {
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?> { ["Artifacts:MaxUploadBytes"] = "1000" });
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");

        using var declared = await Uploads.Raw(alice, runId, "big.bin", Uploads.Bytes(4000));
        var chunked = new StreamContent(new MemoryStream(Uploads.Bytes(4000)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/artifacts?name=big.bin") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var undeclared = await alice.SendAsync(request);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Uploads.Bytes(4000)), "file", "big.bin" } };
        using var multipart = await alice.PostAsync($"/api/runs/{runId}/artifacts", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, undeclared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipart.StatusCode);
        Assert.Contains("at most 1000 bytes", await undeclared.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.Query(db => db.Artifacts.CountAsync()));
        Assert.Empty(host.ContentFiles());
        Assert.Equal(1000, (await Uploads.Stored(await Uploads.Raw(alice, runId, "exact.bin", Uploads.Bytes(1000)))).Size);
    }
}

public sealed class When_the_client_dies_mid_upload
{
    [Fact]
    public async Task Should_leave_no_artifact_and_no_file_behind()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var sawPartialFile = false;
        var content = new AbortingContent(3 * 1024 * 1024, async () =>
        {
            await Eventually.True(() => Task.FromResult(host.ContentFiles().Any(f => f.EndsWith(".partial", StringComparison.Ordinal))), TimeSpan.FromSeconds(10), "a partial file");
            sawPartialFile = true;
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{runId}/artifacts?name=half.bin") { Content = content };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => alice.SendAsync(request));

        await Eventually.True(() => Task.FromResult(host.ContentFiles().Count == 0), TimeSpan.FromSeconds(10), "the partial file removed");
        Assert.True(sawPartialFile, "The server never had part of the content on disk.");
        Assert.Equal(0, await host.Query(db => db.Artifacts.CountAsync()));
        Assert.Empty(host.StoredEvents);
    }
}

public sealed class When_an_upload_names_a_dangerous_file
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("re\u0000po\u001b[31mrt\r\n.txt", "repo[31mrt.txt")]
    [InlineData("..", "artifact")]
    [InlineData("a<b>:c?.txt", "a_b__c_.txt")]
    public async Task Should_store_it_under_a_sanitised_name(string name, string expected)
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");

        var stored = await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, name, Encoding.UTF8.GetBytes("x")));

        Assert.Equal(expected, stored.Name);
        Assert.All(host.ContentFiles(), file => Assert.StartsWith(host.ContentDirectory, Path.GetFullPath(file), StringComparison.Ordinal));
    }

    [Fact]
    public void Should_cap_a_long_name_and_keep_its_extension()
    {
        var name = ArtifactNames.Sanitise(new string('a', 500) + ".log");

        Assert.Equal(ArtifactNames.MaxLength, name.Length);
        Assert.EndsWith("aaa.log", name, StringComparison.Ordinal);
    }
}

public sealed class When_html_is_uploaded
{
    [Fact]
    public async Task Should_store_it_as_html_but_serve_it_only_as_an_attachment_with_nosniff()
    {
        await using var host = await ArtifactsHost.StartAsync();
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "page.html", Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script>"), "text/html"));

        using var download = await alice.GetAsync($"/api/artifacts/{stored.Id}/content");

        Assert.Equal("text/html", stored.ContentType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
    }
}
