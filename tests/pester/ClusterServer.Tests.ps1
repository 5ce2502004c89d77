#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The packaged local server as a cluster, end to end with real parts: a throwaway PostgreSQL on loopback, one API node
    and two worker nodes (dotnet NemoVideo.LocalServer.dll --cluster-db ... --role api|worker --shared-dir ...), and a
    batch of 12 clips through Compress-NemoVideo in a child pwsh. While the batch runs, the worker rendering a clip is
    killed with its ffmpeg (as a lost machine would be), and the API node is killed and started again. The batch must
    finish with all 12 files, the killed worker's job done by the other worker and published once, and no session lost.
    Prints: the time the killed worker's job took to be taken over, the batch time, the API restart result.
    Skipped only when PostgreSQL is not installed (CI installs it and sets NEMO_REQUIRE_POSTGRES, which fails instead).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ThrowawayPostgres.ps1')
    . (Join-Path $PSScriptRoot 'Support/LocalServerProcess.ps1')
    $manifest = Get-PackagedModuleManifest
    $serverDll = Join-Path (Split-Path $manifest) 'server/NemoVideo.LocalServer.dll'

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-cluster-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    $shared = Join-Path $work 'shared'
    # A node never creates the shared folder itself (a missing mount must not become an empty local folder).
    New-Item -ItemType Directory -Path $shared -Force | Out-Null
    # Short enough for a test, long enough to show the takeover: a live worker renews its job, a dead one's job waits this long.
    $jobTimeoutSeconds = 30
    $nodes = [Collections.Generic.List[object]]::new()

    $postgres = Start-ThrowawayPostgres $work
    if (-not $postgres -and $env:NEMO_REQUIRE_POSTGRES) {
        throw 'PostgreSQL is not installed, and NEMO_REQUIRE_POSTGRES says the cluster tests must run (apt-get install -y postgresql).'
    }

    function Start-ClusterNode([string] $Role, [string] $Name, [string] $Url = 'http://127.0.0.1:0') {
        $arguments = @('--cluster-db', 'env:NEMO_TEST_CLUSTER_DB', '--role', $Role, '--shared-dir', $shared, '--worker-name', $Name,
            '--job-timeout', "$jobTimeoutSeconds", '--max-concurrent-renders', '1')
        $started = Start-LocalServerProcess -ServerDll $serverDll -DataDirectory (Join-Path $work "data-$Name") -Url $Url `
            -ExtraArguments $arguments -Environment @{ NEMO_TEST_CLUSTER_DB = $postgres.ConnectionString }
        $node = [pscustomobject]@{ Process = $started.Process; Url = $started.Url; Name = $Name }
        $nodes.Add($node)
        $node
    }

    function Stop-ClusterNode($Node) {
        if (-not $Node.Process.HasExited) { $Node.Process.Kill($true) }
        $Node.Process.WaitForExit()
    }

    function Get-ClusterStatus([string] $Url) { Invoke-RestMethod -Uri "$Url/local/cluster" }
}

AfterAll {
    foreach ($node in $nodes) { Stop-ClusterNode $node }
    Stop-ThrowawayPostgres $postgres
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'A cluster: one API node, two workers on PostgreSQL' {
    It 'finishes a 12-clip batch on both workers through a killed worker and a restarted API node' -Skip:(-not $IsLinux) {
        if (-not $postgres) {
            Set-ItResult -Skipped -Because 'PostgreSQL is not installed (Debian: apt-get install -y postgresql); the cluster needs it'
            return
        }
        $videos = Join-Path $work 'videos'
        $out = Join-Path $work 'out'
        $batchHome = New-Item -ItemType Directory -Path (Join-Path $work 'home') -Force
        New-Item -ItemType Directory -Path $videos -Force | Out-Null
        $first = Join-Path $videos 'clip-01.mp4'
        & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=25:duration=4' `
            -f lavfi -i 'sine=frequency=440:duration=4' -c:v libx264 -preset ultrafast -b:v 1500k -c:a aac -shortest $first
        if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make a clip' }
        $names = 1..12 | ForEach-Object { 'clip-{0:00}.mp4' -f $_ }
        foreach ($name in $names | Select-Object -Skip 1) { Copy-Item $first (Join-Path $videos $name) }
        # One longer clip: its render runs long enough to be caught and cut off by the kill.
        $long = 'clip-07.mp4'
        & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=25:duration=30' `
            -f lavfi -i 'sine=frequency=440:duration=30' -c:v libx264 -preset ultrafast -b:v 1500k -c:a aac -shortest (Join-Path $videos $long)
        if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the long clip' }

        $api = Start-ClusterNode 'api' 'api'
        $workers = @((Start-ClusterNode 'worker' 'worker-a'), (Start-ClusterNode 'worker' 'worker-b'))
        Wait-Until { @((Get-ClusterStatus $api.Url).workers_alive).Count -eq 2 } 60 'both workers to report'

        $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
$null = Connect-Nemo -Endpoint $env:NEMO_TEST_URL -ErrorAction Stop
$failures = @()
$results = @(Get-ChildItem -LiteralPath $env:NEMO_TEST_VIDEOS -Filter *.mp4 |
    Compress-NemoVideo -MaxSize 400KB -OutputDirectory $env:NEMO_TEST_OUT -ThrottleLimit 4 -ErrorVariable +failures -ErrorAction SilentlyContinue)
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
        $info.Environment['NEMO_TEST_URL'] = $api.Url
        $info.Environment['NEMO_TEST_VIDEOS'] = $videos
        $info.Environment['NEMO_TEST_OUT'] = $out
        foreach ($name in 'NEMO_TOKEN', 'NEMO_CLIENT_ID', 'NEMO_API_URL') { [void]$info.Environment.Remove($name) }
        $batchClock = [Diagnostics.Stopwatch]::StartNew()
        $child = [Diagnostics.Process]::Start($info)
        try {
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()

            # While the long clip renders, kill its worker with its ffmpeg (as a lost machine would go).
            $longRender = "SELECT r.session_id, r.id, r.worker FROM nemo.render_jobs r JOIN nemo.media m ON m.id = r.source_media_id " `
                + "WHERE m.name = '$long' AND r.status = 'Processing' AND r.progress > 0"
            Wait-Until { @(Invoke-PostgresQuery $postgres $longRender).Count -eq 1 } 300 'the long clip to be rendering'
            $row = @(Invoke-PostgresQuery $postgres $longRender)[0]
            $running = [pscustomobject]@{ session_id = $row[0]; render_id = $row[1]; worker = $row[2] }
            $victim = $workers | Where-Object Name -EQ $running.worker
            $survivor = $workers | Where-Object Name -NE $running.worker
            Stop-ClusterNode $victim
            $killedAt = $batchClock.Elapsed

            # And the API node, mid-batch: killed outright and started again on the same URL.
            Stop-ClusterNode $api
            $api = Start-ClusterNode 'api' 'api' $api.Url
            $apiBackAfter = $batchClock.Elapsed - $killedAt

            Wait-Until {
                $row = @(Invoke-PostgresQuery $postgres "SELECT worker, status FROM nemo.render_jobs WHERE session_id = '$($running.session_id)' AND id = '$($running.render_id)'")
                $row[0][0] -eq $survivor.Name
            } 180 'the killed worker''s render to be taken by the other worker'
            $takenOverAfter = $batchClock.Elapsed - $killedAt

            if (-not $child.WaitForExit(600000)) { throw 'The batch did not finish in 10 minutes.' }
            $batchClock.Stop()
            $output = $stdout.Result + $stderr.Result
            $line = ($output -split "`n" | Where-Object { $_ -like 'SUMMARY=*' } | Select-Object -Last 1)
            if (-not $line) { throw "The batch printed no summary: $output" }
            $summary = $line.Substring('SUMMARY='.Length) | ConvertFrom-Json
            $status = Get-ClusterStatus $api.Url
            $stats = Invoke-RestMethod -Uri "$($api.Url)/local/stats"
            $rows = @(Invoke-PostgresQuery $postgres 'SELECT id, status, worker, attempts, published_attempt, output_path FROM nemo.render_jobs ORDER BY seq')
            $killedRow = @(Invoke-PostgresQuery $postgres "SELECT worker, attempts, status FROM nemo.render_jobs WHERE session_id = '$($running.session_id)' AND id = '$($running.render_id)'")

            Write-Host (("cluster: worker {0} killed at {1:0.0} s while rendering {2}; the job was taken by {3} {4:0.0} s later (job timeout {5} s); " -f `
                    $victim.Name, $killedAt.TotalSeconds, $running.render_id, $survivor.Name, $takenOverAfter.TotalSeconds, $jobTimeoutSeconds) `
                + ("the API node was killed and listening again {0:0.0} s after the worker kill; batch of 12 in {1:0.0} s; published: {2}; compressed {3}, failed {4}" -f `
                    $apiBackAfter.TotalSeconds, $batchClock.Elapsed.TotalSeconds, ($status.published_by_worker | ConvertTo-Json -Compress),
                    $summary.Compressed, $summary.Failed))

            $child.ExitCode | Should -Be 0 -Because $output
            $summary.Failed | Should -Be 0 -Because ($summary.Errors | ConvertTo-Json -Depth 3)
            $summary.Compressed | Should -Be 12
            foreach ($name in $names) {
                Test-Path (Join-Path $out $name) | Should -BeTrue
                $stats.uploads_by_name.$name | Should -Be 1 -Because "$name is uploaded once, API restart or not (no session lost)"
                $stats.edits_applied_by_name.$name | Should -Be 1 -Because "$name is instructed (and charged) once, API restart or not"
            }
            $stats.anonymous_tokens_issued | Should -Be 1 -Because 'the token from before the API restart still works'
            @(Get-ChildItem -LiteralPath $out -Force | Where-Object Name -Like '*.partial').Count | Should -Be 0

            # Both workers took jobs; each job was published exactly once, the killed one by the survivor on its second attempt.
            $rows.Count | Should -Be 12
            @($rows | Where-Object { $_[1] -ne 'Completed' }).Count | Should -Be 0
            @($rows | Where-Object { -not $_[4] }).Count | Should -Be 0 -Because 'every job names the one attempt that published it'
            @($rows | Where-Object { $_[2] -eq 'worker-a' }).Count | Should -BeGreaterThan 0
            @($rows | Where-Object { $_[2] -eq 'worker-b' }).Count | Should -BeGreaterThan 0
            $killedRow[0][0] | Should -Be $survivor.Name
            [int]$killedRow[0][1] | Should -Be 2 -Because 'the killed attempt and the one that finished'
            # No lost or duplicated output: one file per job in the shared folder, nothing left in staging.
            $published = @(Get-ChildItem -LiteralPath (Join-Path $shared 'renders') -Recurse -File)
            $published.Count | Should -Be 12
            @(Get-ChildItem -LiteralPath (Join-Path $shared 'renders') -Directory | Where-Object { @(Get-ChildItem $_.FullName -File).Count -ne 1 }).Count | Should -Be 0
            @(Get-ChildItem -LiteralPath (Join-Path $shared 'staging') -Recurse -File -ErrorAction SilentlyContinue).Count | Should -Be 0
            @($status.workers_alive | Where-Object name -Like "$($survivor.Name):*").Count | Should -Be 1
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
        }
    }

    It 'shows each queued export''s place in the render queue through Get-NemoRender' -Skip:(-not $IsLinux) {
        if (-not $postgres) {
            Set-ItResult -Skipped -Because 'PostgreSQL is not installed (Debian: apt-get install -y postgresql); the cluster needs it'
            return
        }
        $api = $nodes | Where-Object { $_.Name -eq 'api' -and -not $_.Process.HasExited } | Select-Object -Last 1
        # Three renders of the long clip in a row: with one render at a time per worker, at least two wait in the queue.
        $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
$null = Connect-Nemo -Endpoint $env:NEMO_TEST_URL -ErrorAction Stop
$null = Send-NemoVideo -LiteralPath $env:NEMO_TEST_CLIP -ErrorAction Stop | Invoke-NemoInstruction 'compress to 400KB' -ErrorAction Stop
$jobs = 1..3 | ForEach-Object { Export-NemoVideo -NoWait -ErrorAction Stop }
# Each render is read in its own call, so a worker that takes a job between two reads would mix two moments (seen once:
# positions 1, 1, 2). A snapshot counts only when two rounds of reads in a row agree.
$previous = $null
for ($round = 0; $round -lt 50; $round++) {
    $seen = ConvertTo-Json -Compress -InputObject @($jobs | Get-NemoRender -ErrorAction Stop | Select-Object RenderId, Status, QueuePosition)
    if ($seen -eq $previous) { break }
    $previous = $seen
}
'RENDERS=' + $seen
'@
        $file = Join-Path $work 'queue.ps1'
        Set-Content -LiteralPath $file -Value $script
        $info = New-PwshStartInfo -Arguments @('-NoProfile', '-NonInteractive', '-File', $file)
        $info.WorkingDirectory = $work
        $info.Environment['HOME'] = Join-Path $work 'home'
        $info.Environment['NEMO_TEST_MANIFEST'] = $manifest
        $info.Environment['NEMO_TEST_URL'] = $api.Url
        $info.Environment['NEMO_TEST_CLIP'] = Join-Path $work 'videos/clip-07.mp4'
        foreach ($name in 'NEMO_TOKEN', 'NEMO_CLIENT_ID', 'NEMO_API_URL') { [void]$info.Environment.Remove($name) }
        $child = [Diagnostics.Process]::Start($info)
        $stdout = $child.StandardOutput.ReadToEndAsync()
        $stderr = $child.StandardError.ReadToEndAsync()
        if (-not $child.WaitForExit(300000)) { $child.Kill($true); throw 'Get-NemoRender did not finish in 5 minutes.' }
        $output = $stdout.Result + $stderr.Result
        $line = ($output -split "`n" | Where-Object { $_ -like 'RENDERS=*' } | Select-Object -Last 1)
        if (-not $line) { throw "No renders were printed: $output" }
        $renders = @($line.Substring('RENDERS='.Length) | ConvertFrom-Json)
        Write-Host ("queue: " + (($renders | ForEach-Object { "$($_.RenderId) $($_.Status) position $($_.QueuePosition)" }) -join '; '))

        $renders.Count | Should -Be 3 -Because $output
        $pending = @($renders | Where-Object Status -EQ 'Pending')
        $pending.Count | Should -BeGreaterOrEqual 2 -Because 'one worker renders one at a time'
        # The waiting renders hold the places 1..n in submission order; a running one has no place.
        @($pending.QueuePosition) | Should -Be @(1..$pending.Count)
        @($renders | Where-Object Status -NE 'Pending' | Where-Object { $null -ne $_.QueuePosition }).Count | Should -Be 0
    }
}
