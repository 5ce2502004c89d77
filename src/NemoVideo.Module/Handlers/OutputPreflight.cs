using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using NemoVideo.Module.Engine;

namespace NemoVideo.Module.Handlers
{
    /// <summary>
    /// Finds an output that cannot be written BEFORE anything is uploaded or encoded: a folder that refuses a file
    /// (read-only, no permission, not a folder), an output path that is an existing folder, and a disk without room for
    /// the result. The room needed for a file is its expected size bound, min(ceiling, source size) (the service
    /// never returns more than the ceiling, and a compressor's result is not expected to outgrow its source), plus
    /// the bounds of the files still downloading beside it.
    /// </summary>
    public sealed class OutputPreflight
    {
        private readonly Func<string, long?> freeBytes;
        private long reserved;

        /// <param name="freeBytes">Bytes free where a folder lives, or null when the platform does not tell.</param>
        public OutputPreflight(Func<string, long?>? freeBytes = null)
        {
            this.freeBytes = freeBytes ?? FreeBytesOnVolume;
        }

        /// <summary>Proves a file can be made in the folder, or, when the folder does not exist yet, in its nearest
        /// existing ancestor (where it would be created). Nothing is left behind and no folder is created, so a -WhatIf
        /// run changes nothing: the probe file is created and deleted at once. The caller creates the folder only
        /// once a file really runs.</summary>
        /// <returns>The error for the whole command, or null when the folder takes (or could be made to take) files.</returns>
        public static CommandError? CheckFolder(string folder)
        {
            try
            {
                var existing = NearestExistingFolder(folder);
                var probe = Path.Combine(existing, ".nemo-write-probe-" + Guid.NewGuid().ToString("N"));
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }

                return null;
            }
            catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
            {
                return ErrorMapper.Create(
                    ModuleErrorIds.CompressOutputNotWritable, ErrorCategory.PermissionDenied, folder,
                    $"Cannot write to the output folder {folder}: {failure.Message} Nothing was uploaded or compressed.",
                    "Choose an -OutputDirectory you can write to, or make this one writable, and run the command again.");
            }
        }

        /// <exception cref="IOException">A file stands where the folder or one of its parents should be.</exception>
        private static string NearestExistingFolder(string folder)
        {
            var current = Path.GetFullPath(folder);
            while (!Directory.Exists(current))
            {
                if (File.Exists(current))
                {
                    throw new IOException($"{current} is a file, not a folder.");
                }

                current = Path.GetDirectoryName(current) ?? throw new IOException($"No part of {folder} exists.");
            }

            return current;
        }

        /// <summary>Reserves room for one output; dispose the reservation when its download has ended.</summary>
        /// <returns>The per-file error (its target the source file), or null with the reservation made.</returns>
        public CommandError? Reserve(string input, string output, long expectedBytes, out IDisposable reservation)
        {
            reservation = new Reservation(this, 0);
            if (Directory.Exists(output))
            {
                return ErrorMapper.Create(
                    ModuleErrorIds.CompressOutputIsFolder, ErrorCategory.InvalidArgument, input,
                    $"The output path {output} is an existing folder, so {Path.GetFileName(input)} cannot be written there. Nothing was uploaded.",
                    "Rename or move that folder, or choose another -OutputDirectory.");
            }

            var needed = Interlocked.Add(ref reserved, expectedBytes);
            var free = freeBytes(Path.GetDirectoryName(output)!);
            if (free is long available && available < needed)
            {
                Interlocked.Add(ref reserved, -expectedBytes);
                return ErrorMapper.Create(
                    ModuleErrorIds.CompressNotEnoughSpace, ErrorCategory.ResourceUnavailable, input,
                    $"Only {ByteSize.Format(available)} is free where {output} goes, but the result may need {ByteSize.Format(needed)}" +
                    $" (up to {ByteSize.Format(expectedBytes)} for this file). Nothing was uploaded.",
                    "Free some space, choose an -OutputDirectory on another disk, or lower -ThrottleLimit, and run the command again.");
            }

            reservation = new Reservation(this, expectedBytes);
            return null;
        }

        private static long? FreeBytesOnVolume(string folder)
        {
            try
            {
                return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
            }
            catch (Exception failure) when (failure is IOException || failure is ArgumentException || failure is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private sealed class Reservation : IDisposable
        {
            private OutputPreflight? owner;
            private readonly long bytes;

            public Reservation(OutputPreflight owner, long bytes)
            {
                this.owner = owner;
                this.bytes = bytes;
            }

            public void Dispose()
            {
                var releasing = Interlocked.Exchange(ref owner, null);
                if (releasing != null)
                {
                    Interlocked.Add(ref releasing.reserved, -bytes);
                }
            }
        }
    }
}
