using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// A read-only pass-through that counts bytes as the HTTP stack pulls them from the file. Handing this to a
    /// StreamContent keeps the upload streamed: nothing is buffered beyond the copy buffer.
    /// </summary>
    internal sealed class ProgressReadStream : Stream
    {
        private readonly Stream inner;
        private readonly Action<long> onProgress;
        private long position;

        public ProgressReadStream(Stream inner, Action<long> onProgress)
        {
            this.inner = inner;
            this.onProgress = onProgress;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            if (read > 0)
            {
                position += read;
                onProgress(position);
            }

            return read;
        }
    }
}
