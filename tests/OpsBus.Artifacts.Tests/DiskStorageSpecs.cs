using Microsoft.Extensions.Options;
using OpsBus.Artifacts.Storage;

namespace OpsBus.Artifacts.Tests;

/// <summary>
/// The disk storage gathers an upload into <see cref="DiskArtifactStorage.WriteChunk"/> writes, whatever sizes the
/// body arrives in: no byte may be lost, repeated or reordered at a chunk's edge, and a body failing after whole chunks
/// were written leaves no file.
/// </summary>
public sealed class When_content_reaches_the_disk_storage_in_uneven_pieces : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("opsbus-disk-storage-");
    private readonly DiskArtifactStorage _storage;

    public When_content_reaches_the_disk_storage_in_uneven_pieces() =>
        _storage = new DiskArtifactStorage(Options.Create(new ArtifactsOptions { DiskPath = _root.FullName }));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DiskArtifactStorage.WriteChunk - 1)]
    [InlineData(DiskArtifactStorage.WriteChunk)]
    [InlineData(DiskArtifactStorage.WriteChunk + 1)]
    [InlineData(2 * DiskArtifactStorage.WriteChunk + 12_345)]
    public async Task Should_store_every_byte_in_order(int length)
    {
        var content = Uploads.Bytes(length, seed: 3);

        await _storage.WriteAsync("run/artifact", new TricklingStream(content), CancellationToken.None);

        await using var stored = await _storage.OpenReadAsync("run/artifact", length, CancellationToken.None);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(["artifact"], Directory.GetFiles(Path.Combine(_root.FullName, "run")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Should_leave_no_file_when_the_body_fails_after_whole_chunks_were_written()
    {
        var content = Uploads.Bytes(3 * DiskArtifactStorage.WriteChunk, seed: 4);

        await Assert.ThrowsAsync<IOException>(() =>
            _storage.WriteAsync("run/artifact", new TricklingStream(content, failAfter: 2 * DiskArtifactStorage.WriteChunk + 10), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(Path.Combine(_root.FullName, "run")));
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>Hands out <paramref name="content"/> in pieces of 1 to 7,919 bytes; fails once <paramref name="failAfter"/> were read.</summary>
    private sealed class TricklingStream(byte[] content, int failAfter = int.MaxValue) : Stream
    {
        private readonly Random _sizes = new(11);
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
                throw new IOException("The uploader went away.");
            var piece = Math.Min(Math.Min(buffer.Length, _sizes.Next(1, 7920)), content.Length - _position);
            content.AsSpan(_position, piece).CopyTo(buffer);
            _position += piece;
            return piece;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
