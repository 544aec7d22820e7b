using System.Security.Cryptography;

namespace OpsBus.Artifacts.Storage;

/// <summary>
/// The body of an upload as the storage reads it: counted and hashed (SHA-256) as it passes, and cut off with
/// <see cref="ArtifactTooLargeException"/> the moment it exceeds the limit, so nothing over the limit is ever stored.
/// </summary>
public sealed class MeteredUpload(Stream source, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Lower-case hex SHA-256 of everything read; call once, after the end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, source.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await source.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(ReadOnlySpan<byte> chunk)
    {
        BytesRead += chunk.Length;
        if (BytesRead > maxBytes)
            throw new ArtifactTooLargeException(maxBytes);
        _hash.AppendData(chunk);
        return chunk.Length;
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>An upload went past <see cref="ArtifactsOptions.MaxUploadBytes"/>.</summary>
public sealed class ArtifactTooLargeException(long maxBytes) : Exception($"An artifact may be at most {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
