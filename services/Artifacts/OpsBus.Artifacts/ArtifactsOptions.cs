using System.ComponentModel.DataAnnotations;

namespace OpsBus.Artifacts;

/// <summary>Artifact storage settings, bound from the <c>Artifacts</c> section (<c>Artifacts__Storage</c> in compose).</summary>
public sealed class ArtifactsOptions
{
    public const string SectionName = "Artifacts";

    /// <summary><c>Sqlite</c> (embedded) or <c>Postgres</c> (distributed): where the metadata lives.</summary>
    public ArtifactsDatabase Database { get; set; } = ArtifactsDatabase.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=artifacts.db";

    /// <summary><c>Disk</c> (under <see cref="DiskPath"/>) or <c>S3</c> (an S3-compatible store): where the content lives.</summary>
    public ArtifactStorageKind Storage { get; set; } = ArtifactStorageKind.Disk;

    public string DiskPath { get; set; } = "artifacts";

    /// <summary>The S3-compatible endpoint, e.g. <c>http://minio:9000</c>; addressed path-style.</summary>
    public string? S3ServiceUrl { get; set; }

    public string? S3Bucket { get; set; }

    public string? S3AccessKey { get; set; }

    public string? S3SecretKey { get; set; }

    public string S3Region { get; set; } = "us-east-1";

    /// <summary>The largest artifact accepted; a larger upload is refused with 413 and nothing is kept.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Artifacts older than this are deleted.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the owner of a run not known here yet may take to come from the orchestrator (then: 503).</summary>
    public TimeSpan OrchestratorTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Why these options cannot work, or null when they can.</summary>
    public string? Problem()
    {
        if (RetentionPeriod <= TimeSpan.Zero)
            return $"{SectionName}:RetentionPeriod must be positive.";
        if (RetentionInterval <= TimeSpan.Zero)
            return $"{SectionName}:RetentionInterval must be positive.";
        if (OrchestratorTimeout <= TimeSpan.Zero || OrchestratorTimeout > TimeSpan.FromMinutes(1))
            return $"{SectionName}:OrchestratorTimeout must be positive and at most a minute.";
        if (Storage == ArtifactStorageKind.Disk && string.IsNullOrWhiteSpace(DiskPath))
            return $"{SectionName}:DiskPath is required for disk storage.";
        if (Storage == ArtifactStorageKind.S3)
        {
            if (!Uri.TryCreate(S3ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                return $"{SectionName}:S3ServiceUrl must be an absolute http(s) URL for S3 storage.";
            if (string.IsNullOrWhiteSpace(S3Bucket) || string.IsNullOrWhiteSpace(S3AccessKey) || string.IsNullOrWhiteSpace(S3SecretKey))
                return $"{SectionName}:S3Bucket, S3AccessKey and S3SecretKey are required for S3 storage.";
        }
        return null;
    }
}

public enum ArtifactsDatabase
{
    Sqlite,
    Postgres,
}

public enum ArtifactStorageKind
{
    Disk,
    S3,
}
