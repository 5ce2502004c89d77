using System.Management.Automation;
using NemoVideo.Module.Completion;
using NemoVideo.Module.Handlers;

namespace NemoVideo.Module.Commands
{
    /// <summary>Compresses each video to a size ceiling: upload, instruction, export and download, a session per file.</summary>
    [Cmdlet(VerbsData.Compress, "NemoVideo", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(NemoCompressionResult))]
    public sealed class CompressNemoVideoCommand : NemoPathCmdlet
    {
        /// <summary>The ceiling in bytes. With -Platform too, the smaller wins; one of the two is required.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long MaxSize { get; set; }

        /// <summary>Where the video is going: its published upload limit is the ceiling (see docs/platform-limits.md).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        [ValidatePlatform]
        public string? Platform { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string OutputDirectory { get; set; } = string.Empty;

        [Parameter]
        [ValidateSet(Resolutions.R2160, Resolutions.R1440, Resolutions.R1080, Resolutions.R720, Resolutions.R480, Resolutions.R360)]
        public string? Resolution { get; set; }

        [Parameter]
        public SwitchParameter NoAudio { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = CompressRequest.DefaultThrottleLimit;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string Language { get; set; } = "en";

        // Files are gathered first so up to ThrottleLimit of them can run at once.
        protected override void EndProcessing()
        {
            var maxSize = MyInvocation.BoundParameters.ContainsKey(nameof(MaxSize)) ? MaxSize : (long?)null;
            Execute(() =>
            {
                var ceiling = SizeCeiling.Resolve(maxSize, Platform, new Engine.CmdletCommandHost(this));
                var request = new CompressRequest(Paths, ceiling, OutputDirectory, Resolution, NoAudio, Force, ThrottleLimit, Language);
                return new CompressHandler(Connections.Connection, request, System.TimeProvider.System).ExecuteAsync;
            });
        }
    }
}
