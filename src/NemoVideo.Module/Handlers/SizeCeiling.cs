using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Compress-NemoVideo's ceiling from -MaxSize and -Platform. Either alone sets it; with both the smaller wins, so the
    /// file fits both ("-Platform Discord -MaxSize 8MB" gives 8 MiB; "-Platform Discord -MaxSize 50MB" gives Discord's
    /// 10,000,000 bytes). At least one is required, and the ceiling is at least <see cref="UploadPlatforms.SmallestCeilingBytes"/>
    /// (10,000 bytes): it is checked here, before any upload or credit, because no video fits under it.
    /// </summary>
    public static class SizeCeiling
    {
        /// <param name="maxSize">-MaxSize in bytes, or null when not given.</param>
        /// <param name="platform">A name from <see cref="UploadPlatforms"/>, or null.</param>
        /// <returns>The ceiling in bytes.</returns>
        /// <exception cref="CommandTerminatedException">Neither was given (Nemo.Compress.NoCeiling), or -MaxSize is under
        /// 10,000 bytes (Nemo.Compress.CeilingTooSmall, InvalidArgument, the -MaxSize value as target).</exception>
        public static long Resolve(long? maxSize, string? platform, ICommandHost host)
        {
            var target = UploadPlatforms.Find(platform);
            if (target == null && maxSize == null)
            {
                throw new CommandTerminatedException(ErrorMapper.Create(
                    ModuleErrorIds.CompressNoCeiling, ErrorCategory.InvalidArgument, null,
                    "Compress-NemoVideo needs a size ceiling.",
                    "Add -MaxSize (bytes; PowerShell's 50MB is 52,428,800) or -Platform (e.g. Discord, Email, WhatsApp, Telegram, Slack)."));
            }

            if (target != null && (maxSize == null || target.CeilingBytes < maxSize))
            {
                host.WriteVerbose($"Ceiling {target.CeilingBytes:N0} bytes for {target}.");
                return target.CeilingBytes;
            }

            if (maxSize!.Value < UploadPlatforms.SmallestCeilingBytes)
            {
                throw new CommandTerminatedException(ErrorMapper.Create(
                    ModuleErrorIds.CompressCeilingTooSmall, ErrorCategory.InvalidArgument, maxSize.Value,
                    $"A -MaxSize of {maxSize.Value:N0} bytes is too small for any video: an MP4's headers alone take kilobytes, so the smallest ceiling is {UploadPlatforms.SmallestCeilingBytes:N0} bytes.",
                    "Give -MaxSize in bytes or with a unit, at least 10KB (PowerShell's 10KB is 10,240 bytes; 50MB is 52,428,800)."));
            }

            return maxSize.Value;
        }
    }
}
