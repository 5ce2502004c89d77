using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using NemoVideo.Client;

namespace NemoVideo.Module.Batch
{
    /// <summary>
    /// Compress-NemoVideo's journal, kept beside the outputs as <c>.nemovideo-journal.json</c> in the output directory:
    /// per source file, its session, upload, instruction and render (<see cref="JournalEntry"/>). A rerun after Ctrl+C, a
    /// killed process or a lost network reads it and continues each file where it stood, so nothing is uploaded or paid
    /// for twice. A file's entry is removed when its output is complete, and the journal itself when none is left.
    /// While a batch runs it holds <c>.nemovideo-journal.lock</c> (FileShare.None, released by the OS if the process
    /// dies; removed when the batch ends), so two batches cannot write into one folder at once.
    /// </summary>
    public sealed class BatchJournal : IDisposable
    {
        public const string FileName = ".nemovideo-journal.json";
        public const string LockFileName = ".nemovideo-journal.lock";

        private static readonly StringComparer PathComparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };

        private readonly object gate = new object();
        private readonly string path;
        private readonly FileStream lockFile;
        private readonly Dictionary<string, JournalEntry> entries;

        private BatchJournal(string path, FileStream lockFile, Dictionary<string, JournalEntry> entries)
        {
            this.path = path;
            this.lockFile = lockFile;
            this.entries = entries;
        }

        public string FilePath => path;

        /// <exception cref="NemoException">Nemo.Compress.BatchBusy when another batch holds the folder.</exception>
        public static BatchJournal Open(string outputDirectory)
        {
            var lockPath = Path.Combine(outputDirectory, LockFileName);
            FileStream lockFile;
            try
            {
                // Deleted on close, by the handle that holds it: deleting it by name afterwards could delete the lock another
                // batch had just taken, and keeping it left a zero-byte file beside the outputs after any unfinished batch.
                lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException error)
            {
                throw new NemoException(
                    ModuleErrorIds.CompressBatchBusy,
                    NemoErrorCategory.ResourceBusy,
                    $"Another Compress-NemoVideo is writing into {outputDirectory} (it holds {lockPath}).",
                    "Wait for it to finish, or choose another -OutputDirectory.",
                    outputDirectory,
                    innerException: error);
            }

            var path = Path.Combine(outputDirectory, FileName);
            return new BatchJournal(path, lockFile, Load(path));
        }

        /// <summary>The entry for <paramref name="input"/> when it was made for the same file, settings and service; else a new one.</summary>
        public JournalEntry Begin(string input, string api, string instruction)
        {
            var info = RealPath.FileOf(input);
            var ticks = info.LastWriteTimeUtc.Ticks;
            lock (gate)
            {
                if (entries.TryGetValue(input, out var existing) && existing.SameSource(api, info.Length, ticks))
                {
                    if (string.Equals(existing.Instruction, instruction, StringComparison.Ordinal))
                    {
                        return existing;
                    }

                    // Other settings (a larger -MaxSize after a declined one): the session and its upload serve them as
                    // well while no instruction was applied or is unaccounted for in it. A reviewer's rerun after a
                    // decline opened a new session and uploaded the file again.
                    if (existing.NothingInstructed)
                    {
                        existing.Instruction = instruction;
                        return existing;
                    }
                }

                var entry = new JournalEntry { Input = input, Api = api, Instruction = instruction, InputLength = info.Length, InputModifiedTicks = ticks };
                entries[input] = entry;
                return entry;
            }
        }

        /// <summary>Writes the journal now: each step is recorded before the next one starts.</summary>
        public void Save()
        {
            lock (gate)
            {
                Write();
            }
        }

        /// <summary>The file is done (or must start over): its entry goes.</summary>
        public void Remove(string input)
        {
            lock (gate)
            {
                if (entries.Remove(input))
                {
                    Write();
                }
            }
        }

        public void Dispose() => lockFile.Dispose();

        private void Write()
        {
            if (entries.Count == 0)
            {
                File.Delete(path);
                return;
            }

            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    JsonSerializer.Serialize(stream, new JournalFile { Files = new List<JournalEntry>(entries.Values) }, Json);
                    // Flushed to the disk, not just the OS: the journal is what a rerun after a power cut relies on.
                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(path))
                {
                    File.Replace(temporary, path, null);
                }
                else
                {
                    File.Move(temporary, path);
                }
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        private static Dictionary<string, JournalEntry> Load(string path)
        {
            var entries = new Dictionary<string, JournalEntry>(PathComparer);
            if (!File.Exists(path))
            {
                return entries;
            }

            try
            {
                var file = JsonSerializer.Deserialize<JournalFile>(File.ReadAllText(path), Json);
                foreach (var entry in file?.Files ?? new List<JournalEntry>())
                {
                    if (!string.IsNullOrEmpty(entry.Input))
                    {
                        entries[entry.Input] = entry;
                    }
                }
            }
            catch (JsonException)
            {
                // A damaged journal cannot say what was paid for; starting over is all that is left.
            }

            return entries;
        }

        private sealed class JournalFile
        {
            public int Version { get; set; } = 1;

            public List<JournalEntry> Files { get; set; } = new List<JournalEntry>();
        }
    }
}
