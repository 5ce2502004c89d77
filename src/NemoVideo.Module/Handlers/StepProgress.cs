using System;
using System.Globalization;
using System.IO;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// One progress bar for one item, fed by the client's progress reports for each step (upload, instruction, render,
    /// download). The agent's reply text is not progress: it goes to the information stream as it arrives.
    /// </summary>
    public sealed class StepProgress
    {
        public const string ReplyTag = "NemoVideo.Reply";

        private readonly ICommandHost host;
        private readonly ProgressThrottle throttle;
        private readonly int activityId;
        private readonly int parentActivityId;
        private readonly string activity;

        public StepProgress(ICommandHost host, ProgressThrottle throttle, int activityId, int parentActivityId, string activity)
        {
            this.host = host;
            this.throttle = throttle;
            this.activityId = activityId;
            this.parentActivityId = parentActivityId;
            this.activity = activity;
        }

        /// <summary>A new step ("Submitting the render"): always shown, as there are only a handful.</summary>
        public void Stage(string status) => host.WriteProgress(Record(status, -1));

        /// <summary>A report within a step (bytes, heartbeats): throttled.</summary>
        public void Status(string status, int percentComplete = -1) => throttle.Report(Record(status, percentComplete));

        public void Complete() =>
            throttle.Report(new ProgressInfo(activityId, activity, "Done") { ParentActivityId = parentActivityId, Completed = true });

        public IProgress<UploadProgress> ForUpload() => new CallbackProgress<UploadProgress>(sent =>
            Status($"Uploading {Path.GetFileName(sent.Path)}: {ByteSize.Format(sent.BytesSent)} of {ByteSize.Format(sent.TotalBytes)}", Percent(sent.BytesSent, sent.TotalBytes)));

        public IProgress<InstructionProgress> ForInstruction() => new CallbackProgress<InstructionProgress>(update =>
        {
            switch (update.Kind)
            {
                case InstructionProgressKind.Text:
                    host.WriteInformation(update.Text ?? string.Empty, ReplyTag);
                    Status($"Replying ({Elapsed(update.Elapsed)})");
                    break;
                case InstructionProgressKind.ToolCall:
                    host.WriteVerbose($"The agent is using {update.Text}.");
                    Status($"Working: {update.Text} ({Elapsed(update.Elapsed)})");
                    break;
                case InstructionProgressKind.Recovering:
                    Status($"The reply ended without text; reading the timeline to see what changed ({Elapsed(update.Elapsed)})");
                    break;
                default:
                    Status($"Still working... {Elapsed(update.Elapsed)} elapsed");
                    break;
            }
        });

        public IProgress<RenderProgress> ForRender() => new CallbackProgress<RenderProgress>(render =>
            Status(
                render.QueuePosition is int position
                    ? $"Rendering: queued, position {position.ToString(CultureInfo.InvariantCulture)} in the server's queue ({Elapsed(render.Elapsed)})"
                    : $"Rendering: {render.Status} ({Elapsed(render.Elapsed)})",
                (int)Math.Round(render.Fraction * 100)));

        public IProgress<DownloadProgress> ForDownload() => new CallbackProgress<DownloadProgress>(received =>
            Status(
                received.TotalBytes.HasValue
                    ? $"Downloading: {ByteSize.Format(received.BytesReceived)} of {ByteSize.Format(received.TotalBytes.Value)}"
                    : $"Downloading: {ByteSize.Format(received.BytesReceived)}",
                Percent(received.BytesReceived, received.TotalBytes)));

        private ProgressInfo Record(string status, int percentComplete) =>
            new ProgressInfo(activityId, activity, status) { ParentActivityId = parentActivityId, PercentComplete = percentComplete };

        private static int Percent(long part, long? whole) =>
            whole.HasValue && whole.Value > 0 ? (int)Math.Min(100, part * 100 / whole.Value) : -1;

        private static string Elapsed(TimeSpan elapsed) =>
            elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
