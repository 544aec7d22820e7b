using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace OpsBus.Artifacts.Storage;

/// <summary>
/// Artifacts as objects in an S3-compatible store (path-style addressing, so MinIO and friends work). Content is
/// sent in parts of <see cref="PartSize"/> as it arrives: one PUT when it fits in one part, a multipart upload
/// otherwise, aborted when the upload fails, so memory stays at one part per upload and nothing half-written remains.
/// </summary>
public sealed class S3ArtifactStorage : IArtifactStorage, IDisposable
{
    /// <summary>The smallest part S3 accepts (other than the last one).</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3ArtifactStorage(IOptions<ArtifactsOptions> options)
    {
        var settings = options.Value;
        _bucket = settings.S3Bucket!;
        _client = new AmazonS3Client(
            new BasicAWSCredentials(settings.S3AccessKey, settings.S3SecretKey),
            new AmazonS3Config
            {
                ServiceURL = settings.S3ServiceUrl,
                ForcePathStyle = true,
                AuthenticationRegion = settings.S3Region,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[PartSize];
        var filled = await FillAsync(content, buffer, cancellationToken);
        if (filled < PartSize)
        {
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                UseChunkEncoding = false,
            }, cancellationToken);
            return;
        }

        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var number = 1; filled > 0; number++)
            {
                var part = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(number, part.ETag));
                filled = await FillAsync(content, buffer, cancellationToken);
            }
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new S3RangeReadStream(_client, _bucket, key, length));

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);

    public void Dispose() => _client.Dispose();

    /// <summary>Reads until <paramref name="buffer"/> is full or the content ends; the bytes read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            filled += read;
        return filled;
    }
}
