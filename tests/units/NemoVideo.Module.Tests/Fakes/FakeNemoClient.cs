using System.Collections.Concurrent;
using NemoVideo.Client;

namespace NemoVideo.Module.Tests.Fakes;

/// <summary>
/// An in-memory INemoClient for handler tests: sessions, uploads, instructions, renders and downloads behave like the
/// contract says (downloads go to a temporary name and are renamed), and each step can be replaced per test.
/// </summary>
public sealed class FakeNemoClient : INemoClient
{
    public static readonly Uri Endpoint = new("http://127.0.0.1:5999/");

    private int sessionCount;
    private int renderCount;

    public ConcurrentQueue<string> Calls { get; } = new();

    public bool Disposed { get; private set; }

    public int ActiveCompressions;

    public int MaxConcurrentSessions;

    public Func<NemoSession, string, CancellationToken, Task<IReadOnlyList<NemoMedia>>>? OnUploadFile { get; set; }

    public Func<NemoSession, string, IProgress<InstructionProgress>?, CancellationToken, Task<InstructionResult>>? OnInstruction { get; set; }

    public Func<NemoSession, NemoState>? OnGetState { get; set; }

    public Func<CancellationToken, Task>? BeforeDownload { get; set; }

    /// <summary>Replaces the wait for a render (which otherwise completes it at once).</summary>
    public Func<RenderJob, IProgress<RenderProgress>?, Task<RenderJob>>? OnWaitForRender { get; set; }

    /// <summary>The jobs WaitForRenderAsync was given, as the handler built them.</summary>
    public ConcurrentQueue<RenderJob> WaitedJobs { get; } = new();

    public NemoCredit Credit { get; set; } = new(100, 5, 105);

    /// <summary>Bytes each download writes.</summary>
    public int DownloadSize { get; set; } = 1000;

    public Exception? BrowserLinkFailure { get; set; }

    public void Dispose() => Disposed = true;

    public Task<NemoSession> CreateSessionAsync(string language, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref sessionCount);
        Calls.Enqueue($"CreateSession {language}");
        return Task.FromResult(new NemoSession(Endpoint, $"s{number}", $"t{number}", language));
    }

    public NemoSession ResumeSession(string sessionId, string? taskId, string language)
    {
        Calls.Enqueue($"ResumeSession {sessionId}");
        return new NemoSession(Endpoint, sessionId, taskId, language);
    }

    public Task<Uri> GetBrowserLinkAsync(NemoSession session, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"BrowserLink {session.SessionId}");
        return BrowserLinkFailure != null
            ? Task.FromException<Uri>(BrowserLinkFailure)
            : Task.FromResult(new Uri(Endpoint, "workspace/claim?ct=clm_test"));
    }

    public async Task<IReadOnlyList<NemoMedia>> UploadFileAsync(NemoSession session, string path, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"UploadFile {session.SessionId} {Path.GetFileName(path)}");
        var concurrent = Interlocked.Increment(ref ActiveCompressions);
        InterlockedMax(ref MaxConcurrentSessions, concurrent);
        try
        {
            if (OnUploadFile != null)
            {
                return await OnUploadFile(session, path, cancellationToken);
            }

            var length = new FileInfo(path).Length;
            progress?.Report(new UploadProgress(path, length / 2, length));
            progress?.Report(new UploadProgress(path, length, length));
            await Task.Yield();
            return new[] { new NemoMedia(session.SessionId, $"m-{Path.GetFileName(path)}", Path.GetFileName(path), null, path, length, "{}") };
        }
        finally
        {
            Interlocked.Decrement(ref ActiveCompressions);
        }
    }

    public Task<IReadOnlyList<NemoMedia>> UploadUrlAsync(NemoSession session, Uri url, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"UploadUrl {session.SessionId} {url}");
        return Task.FromResult<IReadOnlyList<NemoMedia>>(new[] { new NemoMedia(session.SessionId, "m-url", "clip.mp4", url.ToString(), url.ToString(), null, "{}") });
    }

    public Task<InstructionResult> SendInstructionAsync(NemoSession session, string text, IProgress<InstructionProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"Instruction {session.SessionId} {text}");
        return OnInstruction != null
            ? OnInstruction(session, text, progress, cancellationToken)
            : Task.FromResult(new InstructionResult(session.SessionId, "Done.", Array.Empty<NemoToolCall>(), AppliedEdit, Array.Empty<CmdletHint>(), false, TimeSpan.FromSeconds(3)));
    }

    /// <summary>What an instruction that was applied changed (the default answer's; an empty list means it was declined).</summary>
    public static IReadOnlyList<TimelineChange> AppliedEdit { get; } =
        [new TimelineChange(TimelineChangeKind.MetadataChanged, 0, null, "Settings changed: compression")];

    public Task<NemoCredit> GetCreditsAsync(CancellationToken cancellationToken)
    {
        Calls.Enqueue("Credits");
        return Task.FromResult(Credit);
    }

    public Task<NemoState> GetStateAsync(NemoSession session, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"State {session.SessionId}");
        return Task.FromResult(OnGetState?.Invoke(session) ?? StateWithOneClip(session.SessionId));
    }

    public Task<RenderJob> SubmitRenderAsync(NemoSession session, NemoDraft draft, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"Render {session.SessionId}");
        var id = $"render_{Interlocked.Increment(ref renderCount)}";
        return Task.FromResult(new RenderJob(id, session.SessionId, RenderStatus.Pending, 0, null, null, draft, 1));
    }

    /// <summary>What GetRenderAsync answers for a render id; default: pending, second in the queue.</summary>
    public Func<string, RenderJob>? OnGetRender { get; set; }

    public Task<RenderJob> GetRenderAsync(NemoSession session, string renderId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"GetRender {renderId}");
        return Task.FromResult(OnGetRender?.Invoke(renderId)
            ?? new RenderJob(renderId, session.SessionId, RenderStatus.Pending, 0, null, null, NemoDraft.None, 1) { QueuePosition = 2 });
    }

    public Task<RenderJob> WaitForRenderAsync(NemoSession session, RenderJob job, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"Wait {job.Id}");
        WaitedJobs.Enqueue(job);
        if (OnWaitForRender != null)
        {
            return OnWaitForRender(job, progress);
        }

        progress?.Report(new RenderProgress(job.Id, RenderStatus.Processing, 0.5, TimeSpan.FromSeconds(1)));
        return Task.FromResult(job with { Status = RenderStatus.Completed, Progress = 1, OutputUrl = $"{Endpoint}files/{job.Id}.mp4" });
    }

    public async Task<DownloadResult> DownloadAsync(RenderJob job, string destinationPath, bool overwrite, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"Download {job.Id} overwrite={overwrite}");
        var path = Directory.Exists(destinationPath) ? Path.Combine(destinationPath, job.Id + ".mp4") : destinationPath;
        if (File.Exists(path) && !overwrite)
        {
            throw new NemoException(NemoErrorIds.DownloadFileExists, NemoErrorCategory.ResourceExists, $"{path} exists", target: path);
        }

        var temporary = path + ".part";
        try
        {
            await File.WriteAllBytesAsync(temporary, new byte[DownloadSize / 2], cancellationToken);
            progress?.Report(new DownloadProgress(path, DownloadSize / 2, DownloadSize));
            if (BeforeDownload != null)
            {
                await BeforeDownload(cancellationToken);
            }

            await File.WriteAllBytesAsync(temporary, new byte[DownloadSize], cancellationToken);
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new DownloadResult(path, DownloadSize, job.Id) { Notes = job.Notes, Warnings = job.Warnings };
    }

    public static NemoState StateWithOneClip(string sessionId)
    {
        var segment = new NemoSegment("clip.mp4", 0, 10_000, 1, null, "{}");
        var track = new NemoTrack(0, 0, NemoTrackKind.Video, new[] { segment }, "{}");
        var draft = new NemoDraft(new[] { track }, 10_000, true, "Timeline (1 track): 1. Video: clip.mp4 (0-10s)", "{\"t\":[]}");
        return new NemoState(sessionId, draft, "{\"draft\":{\"t\":[]}}");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
