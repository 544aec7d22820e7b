namespace OpsBus.LaneWorker.Tests;

/// <summary>
/// <paramref name="length"/> bytes of <c>a</c>…<c>z</c> repeated, produced as they are read and never all in memory;
/// it cannot seek, so whoever sends it cannot know its length in advance.
/// </summary>
internal sealed class PatternStream(long length) : Stream
{
    private long _position;

    /// <summary>The same bytes, all at once, for comparing.</summary>
    public static byte[] Bytes(long length) => Enumerable.Range(0, checked((int)length)).Select(i => (byte)('a' + (i % 26))).ToArray();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var produced = (int)Math.Min(count, length - _position);
        for (var i = 0; i < produced; i++)
            buffer[offset + i] = (byte)('a' + ((_position + i) % 26));
        _position += produced;
        return produced;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
