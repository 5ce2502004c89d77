using System.Text;
using System.Threading.Channels;

namespace NemoVideo.Client.Tests.Support;

/// <summary>A response body the test writes into while the client reads: it can pause, break or end at any point.</summary>
public sealed class ScriptedStream : Stream
{
    private readonly Channel<Func<byte[]>> chunks = Channel.CreateUnbounded<Func<byte[]>>();
    private byte[] current = Array.Empty<byte>();
    private int offset;

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(byte[] bytes) => chunks.Writer.TryWrite(() => bytes);

    /// <summary>The connection breaks once the client has read everything before this.</summary>
    public void Break() => chunks.Writer.TryWrite(() => throw new IOException("connection reset by peer"));

    public void End() => chunks.Writer.TryComplete();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        while (this.offset >= current.Length)
        {
            if (!await chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            current = chunks.Reader.TryRead(out var next) ? next() : Array.Empty<byte>();
            this.offset = 0;
        }

        var length = Math.Min(count, current.Length - this.offset);
        Array.Copy(current, this.offset, buffer, offset, length);
        this.offset += length;
        return length;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var array = new byte[buffer.Length];
        var read = await ReadAsync(array, 0, array.Length, cancellationToken);
        array.AsMemory(0, read).CopyTo(buffer);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
