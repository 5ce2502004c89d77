using System.Net;
using System.Text;
using NemoVideo.Client.Tests.Support;

namespace NemoVideo.Client.Tests;

/// <summary>The upload streams from disk: a 1 GiB file passes through while the live heap stays flat.</summary>
public class UploadStreamingTests
{
    private const long OneGiB = 1024L * 1024 * 1024;
    private const long Budget = 64L * 1024 * 1024;

    [Fact]
    public async Task A1GiBSparseFileStreamsWithFlatMemory()
    {
        using var folder = new TempFolder();
        var path = folder.File("big.mp4");
        using (var file = File.Create(path))
        {
            file.SetLength(OneGiB);
        }

        var handler = new CountingHandler();
        using var client = new NemoClient(new NemoClientOptions
        {
            ApiBaseUrl = new Uri(TestClient.Api),
            Token = TestClient.UserToken,
            ConfigDirectory = folder.File("config"),
            Handler = handler,
            MaxUploadBytes = 2 * OneGiB,
        });
        long lastReported = 0;
        var progress = new ListProgress<UploadProgress>(report => lastReported = report.BytesSent);

        handler.Baseline = GC.GetTotalMemory(forceFullCollection: true);
        var media = await client.UploadFileAsync(client.ResumeSession("sess-1", null, "en"), path, progress, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"1 GiB upload: body {handler.BodyBytes} bytes, peak live-heap growth {handler.PeakGrowth / 1024.0 / 1024:0.0} MB");
        Assert.Equal("m-big", Assert.Single(media).MediaId);
        Assert.True(handler.BodyBytes > OneGiB, $"the body carried {handler.BodyBytes} bytes");
        Assert.Equal(OneGiB, lastReported);
        Assert.True(handler.PeakGrowth < Budget, $"live heap grew by {handler.PeakGrowth / (1024 * 1024)} MB while uploading");
    }

    /// <summary>Reads and discards the request body the way a socket would, sampling the live heap as it goes.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        public long Baseline { get; set; }

        public long BodyBytes { get; private set; }

        public long PeakGrowth { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sink = new CountingSink(this);
            await request.Content!.CopyToAsync(sink, cancellationToken);
            sink.Sample();
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"code":0,"data":{"media_id":"m-big"}}""", Encoding.UTF8, "application/json"),
            };
            return response;
        }

        private sealed class CountingSink(CountingHandler owner) : Stream
        {
            private const long SampleEvery = 128L * 1024 * 1024;
            private long nextSample = SampleEvery;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => owner.BodyBytes;

            public override long Position { get => owner.BodyBytes; set => throw new NotSupportedException(); }

            public void Sample() =>
                owner.PeakGrowth = Math.Max(owner.PeakGrowth, GC.GetTotalMemory(forceFullCollection: true) - owner.Baseline);

            public override void Write(byte[] buffer, int offset, int count) => Count(count);

            public override void Write(ReadOnlySpan<byte> buffer) => Count(buffer.Length);

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Count(count);
                return Task.CompletedTask;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Count(buffer.Length);
                return default;
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            private void Count(int count)
            {
                owner.BodyBytes += count;
                if (owner.BodyBytes >= nextSample)
                {
                    nextSample += SampleEvery;
                    Sample();
                }
            }
        }
    }
}
