#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The packaged local server's durable state, end to end: a Compress-NemoVideo batch in a child pwsh runs against the
    server started as an operator would (dotnet NemoVideo.LocalServer.dll --urls ... --data-dir ...); the server is
    killed outright (SIGKILL) while ffmpeg renders one of the files and started again on the same port and data folder.
    The batch must finish with every file, without a second upload or instruction (GET /local/stats counts, which the
    server keeps across restarts). The time the client waited because of the restart is printed.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/LocalServerProcess.ps1')
    $manifest = Get-PackagedModuleManifest
    $serverDll = Join-Path (Split-Path $manifest) 'server/NemoVideo.LocalServer.dll'

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-durable-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null

    function Start-DurableServer([string] $DataDirectory, [string] $Url = 'http://127.0.0.1:0') {
        Start-LocalServerProcess -ServerDll $serverDll -DataDirectory $DataDirectory -Url $Url
    }

    # ffmpeg processes working in the server's data folder (their command lines name the run folder).
    function Get-ServerFfmpeg([string] $DataDirectory) {
        @(Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$' | ForEach-Object {
                $commandLine = try { [IO.File]::ReadAllText("$($_.FullName)/cmdline") } catch { '' }
                if ($commandLine -match '^(\S*/)?ffmpeg\x00' -and $commandLine.Contains($DataDirectory)) { [int]$_.Name }
            })
    }
}

AfterAll {
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'A batch across a server killed mid-render' {
    It 'finishes every file after the restart, with no second upload or instruction' -Skip:(-not $IsLinux) {
        $data = Join-Path $work 'data'
        $videos = Join-Path $work 'videos'
        $out = Join-Path $work 'out'
        $batchHome = New-Item -ItemType Directory -Path (Join-Path $work 'home') -Force
        New-Item -ItemType Directory -Path $videos -Force | Out-Null
        # Long enough that a budgeted two-pass encode is still running when the test looks for its ffmpeg.
        $first = Join-Path $videos 'clip-001.mp4'
        & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=640x360:rate=25:duration=12' `
            -f lavfi -i 'sine=frequency=440:duration=12' -c:v libx264 -preset ultrafast -b:v 1500k -c:a aac -shortest $first
        if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make a clip' }
        foreach ($index in 2..3) { Copy-Item $first (Join-Path $videos ('clip-{0:000}.mp4' -f $index)) }
        $names = 'clip-001.mp4', 'clip-002.mp4', 'clip-003.mp4'

        $server = Start-DurableServer $data
        $child = $null
        try {
            $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
$null = Connect-Nemo -Endpoint $env:NEMO_TEST_URL -ErrorAction Stop
$failures = @()
$results = @(Get-ChildItem -LiteralPath $env:NEMO_TEST_VIDEOS -Filter *.mp4 |
    Compress-NemoVideo -MaxSize 300KB -OutputDirectory $env:NEMO_TEST_OUT -ThrottleLimit 1 -ErrorVariable +failures -ErrorAction SilentlyContinue)
$summary = [pscustomobject]@{
    Compressed = @($results | Where-Object Status -EQ 'Compressed').Count
    Failed     = @($results | Where-Object Status -EQ 'Failed').Count
    Errors     = @($failures | ForEach-Object { [pscustomobject]@{ Id = ($_.FullyQualifiedErrorId -split ',')[0]; Message = $_.Exception.Message } })
}
'SUMMARY=' + ($summary | ConvertTo-Json -Depth 4 -Compress)
'@
            $file = Join-Path $work 'batch.ps1'
            Set-Content -LiteralPath $file -Value $script
            $info = New-PwshStartInfo -Arguments @('-NoProfile', '-NonInteractive', '-File', $file)
            $info.Environment['HOME'] = "$batchHome"
            $info.Environment['NEMO_TEST_MANIFEST'] = $manifest
            $info.Environment['NEMO_TEST_URL'] = $server.Url
            $info.Environment['NEMO_TEST_VIDEOS'] = $videos
            $info.Environment['NEMO_TEST_OUT'] = $out
            foreach ($name in 'NEMO_TOKEN', 'NEMO_CLIENT_ID', 'NEMO_API_URL') { [void]$info.Environment.Remove($name) }
            $batchClock = [Diagnostics.Stopwatch]::StartNew()
            $child = [Diagnostics.Process]::Start($info)
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()

            # The second file's render: one output is already done, so the kill lands mid-batch.
            Wait-Until { Test-Path (Join-Path $out 'clip-001.mp4') } 300 'the first output'
            $firstDoneAt = $batchClock.Elapsed
            Wait-Until { (Get-ServerFfmpeg $data).Count -ge 1 } 300 'the second render'
            $statsBefore = Get-ServerStats $server.Url
            $server.Process.Kill()
            $server.Process.WaitForExit()
            $killedAt = $batchClock.Elapsed

            $server = Start-DurableServer $data $server.Url
            $restartedAt = $batchClock.Elapsed
            # When each output appears: the gap between the second and third files, against the first file's pace,
            # is what the kill cost the client.
            $done = @{ 'clip-001.mp4' = $firstDoneAt }
            while (-not $child.HasExited -and $batchClock.Elapsed.TotalSeconds -lt 600) {
                foreach ($name in $names) { if (-not $done[$name] -and (Test-Path (Join-Path $out $name))) { $done[$name] = $batchClock.Elapsed } }
                Start-Sleep -Milliseconds 100
            }
            if (-not $child.WaitForExit(1000)) { throw 'The batch did not finish in 10 minutes.' }
            foreach ($name in $names) { if (-not $done[$name]) { $done[$name] = $batchClock.Elapsed } }
            $batchClock.Stop()
            $output = $stdout.Result + $stderr.Result
            $line = ($output -split "`n" | Where-Object { $_ -like 'SUMMARY=*' } | Select-Object -Last 1)
            if (-not $line) { throw "The batch printed no summary: $output" }
            $summary = $line.Substring('SUMMARY='.Length) | ConvertFrom-Json
            $stats = Get-ServerStats $server.Url

            $cutOffFile = ($done['clip-002.mp4'] - $done['clip-001.mp4']).TotalSeconds
            $ordinaryFile = ($done['clip-003.mp4'] - $done['clip-002.mp4']).TotalSeconds
            $report = ("server killed at {0:0.0} s during the second render, listening again {1:0.0} s later; the cut-off file took {2:0.0} s " -f `
                    $killedAt.TotalSeconds, ($restartedAt - $killedAt).TotalSeconds, $cutOffFile) `
                + ("(its output {0:0.0} s after the kill), the next file {1:0.0} s: the client waited about {2:0.0} s more; batch {3:0.0} s in all" -f `
                    ($done['clip-002.mp4'] - $killedAt).TotalSeconds, $ordinaryFile, ($cutOffFile - $ordinaryFile), $batchClock.Elapsed.TotalSeconds)
            Write-Host $report

            $child.ExitCode | Should -Be 0 -Because $output
            $summary.Failed | Should -Be 0 -Because ($summary.Errors | ConvertTo-Json -Depth 3)
            $summary.Compressed | Should -Be 3
            foreach ($name in $names) {
                Test-Path (Join-Path $out $name) | Should -BeTrue
                $stats.uploads_by_name.$name | Should -Be 1 -Because "$name is uploaded once, restart or not"
                $stats.edits_applied_by_name.$name | Should -Be 1 -Because "$name is instructed (and charged) once, restart or not"
            }
            # The counts the killed server had reached are still there: the stats are durable too.
            $statsBefore.uploads_by_name.'clip-002.mp4' | Should -Be 1
            @($stats.renders_by_session.PSObject.Properties).Count | Should -Be 3
            @($stats.renders_by_session.PSObject.Properties.Value | Where-Object { $_ -ne 1 }).Count | Should -Be 0 -Because 'the cut-off render ran again on the server, not resubmitted'
            $stats.anonymous_tokens_issued | Should -Be 1 -Because 'the token from before the kill still works'
            @(Get-ChildItem -LiteralPath $out -Force | Where-Object Name -Like '*.partial').Count | Should -Be 0
            (Get-ServerFfmpeg $data).Count | Should -Be 0 -Because 'no ffmpeg of the killed server runs on'
        }
        finally {
            if ($child -and -not $child.HasExited) { $child.Kill($true) }
            $server.Process.Kill($true); $server.Process.WaitForExit()
        }
    }
}
