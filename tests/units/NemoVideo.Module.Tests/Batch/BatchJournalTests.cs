using NemoVideo.Client;
using NemoVideo.Module.Batch;
using NemoVideo.Module.Tests.Fakes;

namespace NemoVideo.Module.Tests.Batch;

/// <summary>The folder lock and the journal beside Compress-NemoVideo's outputs, on the real file system.</summary>
public sealed class BatchJournalTests : FileSystemTest
{
    [Fact]
    public void A_second_batch_into_the_same_folder_is_refused_while_the_first_holds_it()
    {
        var folder = Directory.Combine("out");
        System.IO.Directory.CreateDirectory(folder);
        using var first = BatchJournal.Open(folder);

        var busy = Assert.Throws<NemoException>(() => BatchJournal.Open(folder));

        Assert.Equal(ModuleErrorIds.CompressBatchBusy, busy.ErrorId);
        Assert.Equal(NemoErrorCategory.ResourceBusy, busy.Category);
        Assert.Equal(folder, busy.Target);
    }

    /// <summary>A reviewer's batch with a failed file left the journal (for the rerun, as it should) and a zero-byte lock
    /// file beside the outputs (which nothing needs once the batch has ended).</summary>
    [Fact]
    public void Closing_takes_the_lock_file_away_and_keeps_an_unfinished_journal_for_the_rerun()
    {
        var folder = Directory.Combine("out");
        System.IO.Directory.CreateDirectory(folder);
        var source = Directory.Combine("clip.mp4");
        File.WriteAllBytes(source, new byte[16]);

        using (var journal = BatchJournal.Open(folder))
        {
            journal.Begin(source, "http://127.0.0.1:1", "compress").SessionId = "session-1";
            journal.Save();
            Assert.True(File.Exists(Path.Combine(folder, BatchJournal.LockFileName)), "held while the batch runs");
        }

        Assert.False(File.Exists(Path.Combine(folder, BatchJournal.LockFileName)));
        Assert.True(File.Exists(Path.Combine(folder, BatchJournal.FileName)));
        using var rerun = BatchJournal.Open(folder);
        Assert.Equal("session-1", rerun.Begin(source, "http://127.0.0.1:1", "compress").SessionId);
    }
}
