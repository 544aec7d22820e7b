using System.Security.Cryptography;

namespace OpsBus.Artifacts.Tests;

/// <summary>
/// A large body made up as it is read (never held whole), hashed on the way, that samples the live managed heap
/// (after a full collection) every <paramref name="sampleEvery"/> bytes, to show what the server held at its peak.
/// </summary>
internal sealed class GeneratedContent(long length, long sampleEvery) : Stream
{
    private readonly byte[] _block = Uploads.Bytes(1024 * 1024, seed: 7);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private readonly long _sampleEvery = sampleEvery;
    private long _nextSample = sampleEvery;

    public long PeakLiveHeapBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the whole body, once it has all been read.</summary>
    public string? Sha256 { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length)
            return 0;
        var offsetInBlock = (int)(_position % _block.Length);
        var count = (int)Math.Min(Math.Min(buffer.Length, _block.Length - offsetInBlock), length - _position);
        _block.AsSpan(offsetInBlock, count).CopyTo(buffer);
        _hash.AppendData(buffer[..count]);
        _position += count;
        if (_position == length)
            Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (_position >= _nextSample)
        {
            _nextSample += _sampleEvery;
            PeakLiveHeapBytes = Math.Max(PeakLiveHeapBytes, GC.GetTotalMemory(forceFullCollection: true));
        }
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

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
