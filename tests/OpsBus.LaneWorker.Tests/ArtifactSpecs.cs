using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;
using OpsBus.ServiceDefaults.Security;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_step_attaches_text_to_its_run
{
    private const string Secret = "tok-9f8e7d6c5b4a";

    [Fact]
    public async Task Should_upload_it_signed_as_the_worker_with_the_runs_secrets_masked()
    {
        var key = SecretProtector.NewKey();
        await using var artifacts = await FakeArtifactsService.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>(artifacts.Settings) { ["Secrets:Key"] = key });

        var runId = await worker.Execute(
            Steps.Step("report", RunPhases.Action, "test.attach.text", ("name", "report.txt"),
                ("text", $"deployed with {Secret}\nall green"), ("token", SecretEnvelope.Create(SecretProtector.FromBase64(key).Seal(Secret)))),
            Steps.Step("keep", RunPhases.Verify, "test.capture", ("id", "${{ steps.report.outputs.artifact.report.txt }}")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var upload = Assert.Single(artifacts.Uploads);
        Assert.Equal(($"/api/runs/{runId}/artifacts", "?name=report.txt&kind=file"), (upload.Path, upload.Query));
        Assert.Equal("text/plain; charset=utf-8", upload.Headers["Content-Type"]);
        Assert.Equal("deployed with ***\nall green", upload.Body);
        var headers = upload.Headers;
        Assert.Equal(("worker:" + LaneWorkerHarness.WorkerId, "worker"), (headers[InternalCaller.NameHeader], headers[InternalCaller.RolesHeader]));
        Assert.True(InternalCaller.Verify(FakeArtifactsService.InternalSecret, headers[InternalCaller.NameHeader], headers[InternalCaller.RolesHeader],
            headers[InternalCaller.TimestampHeader], headers[InternalCaller.SignatureHeader], DateTimeOffset.UtcNow));

        var sent = Encoding.UTF8.GetBytes("deployed with ***\nall green");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(sent));
        Assert.Contains(worker.LogLines(runId), l => l.Source == "report" && l.Message == $"attached report.txt ({sent.Length} B, sha256 {sha256[..12]}…)");
        Assert.True(Guid.TryParse(worker.Captured["keep"]["id"].GetString(), out _));
    }
}

public sealed class When_a_step_streams_a_file_to_its_run
{
    [Fact]
    public async Task Should_send_it_chunked_as_it_is_read_with_every_byte()
    {
        const int Length = 3 * 1024 * 1024 + 17;
        await using var artifacts = await FakeArtifactsService.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: artifacts.Settings);

        var runId = await worker.Execute(Steps.Step("bundle", RunPhases.Action, "test.attach.stream", ("name", "bundle.bin"), ("bytes", Length)));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var upload = Assert.Single(artifacts.Uploads);
        Assert.Equal("chunked", upload.Headers["Transfer-Encoding"]);
        Assert.False(upload.Headers.ContainsKey("Content-Length"));
        Assert.Equal(Encoding.ASCII.GetString(PatternStream.Bytes(Length)), upload.Body);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(PatternStream.Bytes(Length)));
        Assert.Contains(worker.LogLines(runId), l => l.Message == $"attached bundle.bin (3 MB, sha256 {sha256[..12]}…)");
    }
}

public sealed class When_the_artifacts_service_refuses_an_artifact_as_too_large
{
    [Fact]
    public async Task Should_fail_the_step_for_good_with_the_services_reason()
    {
        await using var artifacts = await FakeArtifactsService.StartAsync(maxBytes: 1024);
        await using var worker = await LaneWorkerHarness.StartAsync(settings: artifacts.Settings);

        var runId = await worker.Execute(Steps.Step("bundle", RunPhases.Action, "test.attach.stream", ("name", "bundle.bin"), ("bytes", 4096)));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("Step 'bundle': attaching 'bundle.bin' failed: An artifact may be at most 1024 bytes.", failed.Error);
        Assert.Single(artifacts.Uploads);
    }
}

public sealed class When_a_step_attaches_a_link
{
    [Fact]
    public async Task Should_post_it_as_a_link_and_report_its_id()
    {
        await using var artifacts = await FakeArtifactsService.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: artifacts.Settings);

        var runId = await worker.Execute(
            Steps.Step("pr", RunPhases.Action, "test.attach.link", ("name", "pull-request"), ("url", "https://github.com/acme/shop/pull/7")),
            Steps.Step("keep", RunPhases.Verify, "test.capture", ("id", "${{ steps.pr.outputs.artifact.pull-request }}")));

        await worker.WaitForPublished<RunSucceeded>(m => m.RunId == runId);
        var upload = Assert.Single(artifacts.Uploads);
        Assert.Equal(("application/json; charset=utf-8", "{\"kind\":\"link\",\"name\":\"pull-request\",\"url\":\"https://github.com/acme/shop/pull/7\"}"),
            (upload.Headers["Content-Type"], upload.Body));
        Assert.Contains(worker.LogLines(runId), l => l.Source == "pr" && l.Message == "attached link pull-request");
        Assert.True(Guid.TryParse(worker.Captured["keep"]["id"].GetString(), out _));
    }

    [Fact]
    public async Task Should_refuse_one_that_carries_a_secret_without_sending_it()
    {
        var key = SecretProtector.NewKey();
        await using var artifacts = await FakeArtifactsService.StartAsync();
        await using var worker = await LaneWorkerHarness.StartAsync(settings: new Dictionary<string, string?>(artifacts.Settings) { ["Secrets:Key"] = key });

        var runId = await worker.Execute(Steps.Step("pr", RunPhases.Action, "test.attach.link", ("name", "signed"),
            ("url", SecretEnvelope.Create(SecretProtector.FromBase64(key).Seal("https://files.example.com/x?sig=abc123")))));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal("Step 'pr': the link 'signed' carries a secret value, so it was not attached.", failed.Error);
        Assert.Empty(artifacts.Uploads);
    }
}

public sealed class When_a_distributed_worker_has_no_artifacts_address
{
    [Fact]
    public async Task Should_fail_an_attaching_step_for_good_saying_what_to_set()
    {
        await using var worker = await LaneWorkerHarness.StartAsync();

        var runId = await worker.Execute(Steps.Step("report", RunPhases.Action, "test.attach.text", ("name", "report.txt"), ("text", "hi")));

        var failed = await worker.WaitForPublished<RunFailed>(m => m.RunId == runId);
        Assert.False(failed.Retryable);
        Assert.Equal(
            "Step 'report': attaching 'report.txt' failed: this worker cannot attach artifacts: set LaneWorker:ArtifactsAddress to the artifacts service's URL.",
            failed.Error);
    }

    [Fact]
    public void Should_refuse_to_start_with_an_address_but_no_internal_secret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LaneWorker:ArtifactsAddress"] = "http://127.0.0.1:9/",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<LaneWorkerOptions>().Bind(configuration.GetSection(LaneWorkerOptions.SectionName));
        services.AddRunArtifacts(configuration.GetSection(LaneWorkerOptions.SectionName).Get<LaneWorkerOptions>()!);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LaneWorkerOptions>>().Value);

        Assert.Contains("OpsBus:InternalSecret", failure.Message);
    }
}
