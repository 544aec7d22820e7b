using Microsoft.Extensions.Options;

namespace OpsBus.Artifacts.Tests;

public sealed class When_the_artifacts_options_cannot_work
{
    [Theory]
    [InlineData("Artifacts:Storage", "S3", "S3ServiceUrl")]
    [InlineData("Artifacts:RetentionPeriod", "-1.00:00:00", "RetentionPeriod")]
    [InlineData("Artifacts:MaxUploadBytes", "0", "MaxUploadBytes")]
    [InlineData("Artifacts:OrchestratorTimeout", "00:00:00", "OrchestratorTimeout")]
    public async Task Should_refuse_to_start_naming_the_setting(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ArtifactsHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(failure.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_accept_s3_with_an_endpoint_a_bucket_and_keys()
    {
        var options = new ArtifactsOptions
        {
            Storage = ArtifactStorageKind.S3,
            S3ServiceUrl = "http://minio:9000",
            S3Bucket = "artifacts",
            S3AccessKey = "key",
            S3SecretKey = "secret",
        };

        Assert.Null(options.Problem());
        Assert.Equal((100L * 1024 * 1024, TimeSpan.FromDays(90), TimeSpan.FromHours(1)), (new ArtifactsOptions().MaxUploadBytes, options.RetentionPeriod, options.RetentionInterval));
    }
}
