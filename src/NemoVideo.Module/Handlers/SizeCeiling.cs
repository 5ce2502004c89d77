using System.Management.Automation;
using NemoVideo.Client;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Compress-NemoVideo's ceiling from -MaxSize and -Platform. Either alone sets it; with both the smaller wins, so the
    /// file fits both ("-Platform Discord -MaxSize 8MB" gives 8 MiB; "-Platform Discord -MaxSize 50MB" gives Discord's
    /// 10,000,000 bytes). At least one is required.
    /// </summary>
    public static class SizeCeiling
    {
        /// <param name="maxSize">-MaxSize in bytes, or null when not given.</param>
        /// <param name="platform">A name from <see cref="UploadPlatforms"/>, or null.</param>
        /// <returns>The ceiling in bytes.</returns>
        /// <exception cref="CommandTerminatedException">Neither was given (Nemo.Compress.NoCeiling).</exception>
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

            return maxSize!.Value;
        }
    }
}
