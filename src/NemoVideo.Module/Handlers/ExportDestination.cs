using System;
using System.IO;
using System.Management.Automation;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Export-NemoVideo's destination, checked with <see cref="OutputPreflight"/> BEFORE a render is submitted, so a
    /// destination that cannot take the file costs no render: a folder that refuses a file (read-only, no permission,
    /// a file where the folder should be), an -OutFile that is an existing folder, and a disk with less than
    /// <see cref="MinimumFreeBytes"/> free (the render's size is not known before it runs, so only a disk that is
    /// (nearly) full is caught here; a render that outgrows the room left still fails at its download). Each error's
    /// TargetObject is the destination the user gave.
    /// </summary>
    internal static class ExportDestination
    {
        /// <summary>1 MiB: below this not even a short low-resolution render fits.</summary>
        public const long MinimumFreeBytes = 1024 * 1024;

        /// <param name="destination">The full -OutFile path when <paramref name="isFile"/>, else the -Destination folder.</param>
        /// <returns>The error for this export, or null when the destination can take the file.</returns>
        public static CommandError? Check(OutputPreflight preflight, string destination, bool isFile)
        {
            var folder = isFile ? Path.GetDirectoryName(destination)! : destination;
            if (OutputPreflight.CheckFolder(folder) != null)
            {
                return ErrorMapper.Create(
                    ModuleErrorIds.ExportDestinationNotWritable, ErrorCategory.PermissionDenied, destination,
                    $"Cannot write a file in {folder} (it is read-only, you may not write there, or it is not a folder). Nothing was rendered.",
                    isFile ? "Choose an -OutFile in a folder you can write to, and run the command again."
                           : "Choose a -Destination folder you can write to, or make this one writable, and run the command again.");
            }

            // The file name inside a -Destination folder is the render's id, not known yet; any name checks the disk.
            var output = isFile ? destination : Path.Combine(destination, "render.mp4");
            var error = preflight.Reserve(destination, output, MinimumFreeBytes, out var room);
            room.Dispose();
            if (error is null)
            {
                return null;
            }

            return error.ErrorId == ModuleErrorIds.CompressOutputIsFolder
                ? ErrorMapper.Create(
                    ModuleErrorIds.ExportOutFileIsFolder, ErrorCategory.InvalidArgument, destination,
                    $"-OutFile {destination} is an existing folder, so the render cannot be saved under that name. Nothing was rendered.",
                    "Give -OutFile a file name, or pass the folder to -Destination to name the file after the render.")
                : ErrorMapper.Create(
                    ModuleErrorIds.ExportNotEnoughSpace, ErrorCategory.ResourceUnavailable, destination,
                    $"The disk where {destination} goes is full (less than {ByteSize.Format(MinimumFreeBytes)} free). Nothing was rendered.",
                    "Free some space, or choose a -Destination or -OutFile on another disk, and run the command again.");
        }
    }
}
