using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// An incremental server-sent-events parser over a stream. Network reads split lines, CRLF pairs and even UTF-8
    /// characters anywhere, so bytes are decoded with a stateful decoder and lines are assembled across reads.
    /// </summary>
    internal sealed class SseReader
    {
        private readonly Stream stream;
        private readonly byte[] bytes;
        private readonly char[] chars;
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private readonly Queue<SseMessage> ready = new Queue<SseMessage>();
        private readonly StringBuilder line = new StringBuilder();
        private readonly StringBuilder data = new StringBuilder();
        private string? eventName;
        private bool hasField;
        private bool dataSeen;
        private bool afterCarriageReturn;
        private bool ended;
        private bool started;

        public SseReader(Stream stream, int bufferSize = 8192)
        {
            this.stream = stream;
            bytes = new byte[bufferSize];
            chars = new char[Encoding.UTF8.GetMaxCharCount(bufferSize) + 1];
        }

        /// <summary>The next event or comment, or null at the end of the stream.</summary>
        public async Task<SseMessage?> ReadAsync(CancellationToken cancellationToken)
        {
            while (ready.Count == 0 && !ended)
            {
                var count = await stream.ReadAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
                var flush = count == 0;
                var decoded = decoder.GetChars(bytes, 0, count, chars, 0, flush);
                for (var index = 0; index < decoded; index++)
                {
                    Accept(chars[index]);
                }

                if (flush)
                {
                    Finish();
                }
            }

            return ready.Count > 0 ? ready.Dequeue() : null;
        }

        private void Accept(char character)
        {
            if (character == '\uFEFF' && !started)
            {
                // The SSE standard says a leading byte-order mark is not part of the stream.
                started = true;
                return;
            }

            started = true;
            if (character == '\n' && afterCarriageReturn)
            {
                // The LF of a CRLF whose CR ended the line already (possibly in the previous read).
                afterCarriageReturn = false;
                return;
            }

            afterCarriageReturn = character == '\r';
            if (character == '\r' || character == '\n')
            {
                EndLine();
                return;
            }

            line.Append(character);
        }

        private void EndLine()
        {
            var text = line.ToString();
            line.Clear();
            if (text.Length == 0)
            {
                Dispatch();
                return;
            }

            if (text[0] == ':')
            {
                ready.Enqueue(new SseMessage(null, text.Substring(1).Trim(), IsComment: true));
                return;
            }

            var colon = text.IndexOf(':');
            var field = colon < 0 ? text : text.Substring(0, colon);
            var value = colon < 0 ? string.Empty : text.Substring(colon + 1);
            if (value.Length > 0 && value[0] == ' ')
            {
                value = value.Substring(1);
            }

            switch (field)
            {
                case "data":
                    if (dataSeen)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    dataSeen = true;
                    hasField = true;
                    break;
                case "event":
                    eventName = value;
                    hasField = true;
                    break;
            }

            // id and retry fields are not used by this API; unknown fields are ignored as the SSE standard says.
        }

        private void Dispatch()
        {
            if (hasField)
            {
                ready.Enqueue(new SseMessage(eventName, data.ToString(), IsComment: false));
            }

            data.Clear();
            eventName = null;
            hasField = false;
            dataSeen = false;
        }

        private void Finish()
        {
            ended = true;
            if (line.Length > 0)
            {
                EndLine();
            }

            // A stream that closes without the final blank line still delivers its last event.
            Dispatch();
        }
    }
}
