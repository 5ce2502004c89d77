namespace NemoVideo.Client.Tests.Support;

/// <summary>Hands out its bytes in the given read sizes, the way a network splits a stream.</summary>
public sealed class ChunkedStream(byte[] content, params int[] chunkSizes) : Stream
{
    private int position;
    private int readIndex;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var size = chunkSizes.Length == 0 ? count : chunkSizes[Math.Min(readIndex++, chunkSizes.Length - 1)];
        var length = Math.Min(Math.Min(size, count), content.Length - position);
        Array.Copy(content, position, buffer, offset, length);
        position += length;
        return length;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
