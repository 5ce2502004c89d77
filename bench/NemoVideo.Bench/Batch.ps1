# Runs the batch goal of the benchmark: the same clips through Compress-NemoVideo against Connect-Nemo -Local, first
# one at a time (-ThrottleLimit 1), then two in flight (-ThrottleLimit 2), in one local server; prints one BATCH line
# with both wall times and the server process's peak resident memory (VmHWM from /proc; ffmpeg children not included).
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ClipFolder,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [Parameter(Mandatory)] [long] $MaxSize
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$connection = Connect-Nemo -Local
try {
    $server = Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$' | ForEach-Object {
        $commandLine = try { [IO.File]::ReadAllText("/proc/$($_.Name)/cmdline") } catch { '' }
        if ($commandLine -like '*NemoVideo.LocalServer*' -and $commandLine -like "*--parent-pid`0$PID`0*") { [int]$_.Name }
    } | Select-Object -First 1
    if (-not $server) { throw 'The local server process was not found under /proc.' }

    $clips = Get-ChildItem -LiteralPath $ClipFolder -Filter *.mp4 | Sort-Object Name
    $times = @{}
    $failed = 0
    foreach ($throttle in 1, 2) {
        $out = Join-Path $OutputFolder "throttle-$throttle"
        if (Test-Path -LiteralPath $out) { Remove-Item -LiteralPath $out -Recurse -Force }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @($clips | Compress-NemoVideo -MaxSize $MaxSize -OutputDirectory $out -ThrottleLimit $throttle -Session $connection -ErrorAction Continue)
        $times[$throttle] = $clock.Elapsed.TotalSeconds
        $failed += @($results | Where-Object Status -NE 'Compressed').Count + ($clips.Count - $results.Count)
    }

    $peakKib = [long]((Get-Content "/proc/$server/status" | Where-Object { $_ -like 'VmHWM:*' }) -replace '[^0-9]', '')
    [Console]::Out.WriteLine(('BATCH files={0} one_at_a_time_s={1:0.0} throttle2_s={2:0.0} server_peak_rss_kib={3} failed={4}' -f
        $clips.Count, $times[1], $times[2], $peakKib, $failed))
}
finally {
    Disconnect-Nemo -Session $connection -ErrorAction SilentlyContinue
}
