#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The hosted service's published rules, tried across real pwsh processes against a strict stand-in: the packaged
    local server started with --strict-token-quota, which answers a second anonymous-token request per client id
    within 7 days with HTTP 429, as the published error table does. Each child process gets its own HOME, so the
    user's real ~/.config is never touched. Counts come from the server's GET /local/stats (a local extension).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/LocalServerProcess.ps1')
    $manifest = Get-PackagedModuleManifest
    $serverDll = Join-Path (Split-Path $manifest) 'server/NemoVideo.LocalServer.dll'

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-hosted-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null

    # The pwsh running this file, whether installed as an executable or as a dotnet tool (pwsh.dll under dotnet).

    function Start-StrictServer {
        # -Lenient: hand the same token back instead of 429 (for fault runs whose expire-token faults need new tokens).
        param([string[]] $ExtraArguments = @(), [switch] $Lenient)
        $data = Join-Path $work "server-$([guid]::NewGuid().ToString('N'))"
        $quota = $Lenient ? @() : @('--strict-token-quota')
        Start-LocalServerProcess -ServerDll $serverDll -DataDirectory $data -ExtraArguments ($quota + $ExtraArguments)
    }

    # Runs $Script in a new pwsh with its own HOME; returns the process (not yet waited for).
    function Start-Child {
        param([string] $UserHome, [string] $Script, [hashtable] $Environment = @{})
        $file = Join-Path $work "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $info = New-PwshStartInfo -Arguments @('-NoProfile', '-NonInteractive', '-File', $file)
        $info.Environment['HOME'] = $UserHome
        $info.Environment['USERPROFILE'] = $UserHome
        $info.Environment['NEMO_TEST_MANIFEST'] = $manifest
        foreach ($name in 'NEMO_TOKEN', 'NEMO_CLIENT_ID', 'NEMO_API_URL') { [void]$info.Environment.Remove($name) }
        foreach ($pair in $Environment.GetEnumerator()) { $info.Environment[$pair.Key] = $pair.Value }
        $process = [Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        [pscustomobject]@{ Process = $process; Stdout = $stdout; Stderr = $stderr }
    }

    function Wait-Child($Child) {
        if (-not $Child.Process.WaitForExit(300000)) { $Child.Process.Kill($true); throw 'A child pwsh did not finish in 5 minutes.' }
        [pscustomobject]@{ ExitCode = $Child.Process.ExitCode; Output = $Child.Stdout.Result + $Child.Stderr.Result }
    }

    $clip = Join-Path $work 'tiny.mp4'
    & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=15:duration=1' -c:v libx264 -preset ultrafast $clip
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the test clip' }

    # Connects, reads the credits and uploads a clip: "connect and work". Verbose output is on, so a token in any
    # message would show up in the captured output.
    $workScript = @'
$ErrorActionPreference = 'Stop'
$VerbosePreference = 'Continue'
Import-Module $env:NEMO_TEST_MANIFEST
$null = Connect-Nemo -Endpoint $env:NEMO_TEST_URL
$null = Get-NemoCredit
$media = Send-NemoVideo -LiteralPath $env:NEMO_TEST_CLIP
if (-not $media) { throw 'nothing uploaded' }
Disconnect-Nemo
'WORKED'
'@
}

AfterAll {
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Anonymous tokens across processes, against a server that allows one per client id per 7 days' {
    BeforeAll {
        $server = Start-StrictServer
        $userHome = New-Item -ItemType Directory -Path (Join-Path $work 'home') -Force
        $environment = @{ NEMO_TEST_URL = $server.Url; NEMO_TEST_CLIP = $clip }
    }

    AfterAll {
        if ($server) { $server.Process.Kill($true); $server.Process.WaitForExit() }
    }

    It 'two parallel first-ever processes and three later ones all work with exactly one token request' {
        # The two parallel ones start from an empty config folder: neither the client id nor a token exists yet.
        $parallel = 1..2 | ForEach-Object { Start-Child -UserHome $userHome -Script $workScript -Environment $environment }
        $results = @($parallel | ForEach-Object { Wait-Child $_ })
        foreach ($index in 1..3) {
            $results += Wait-Child (Start-Child -UserHome $userHome -Script $workScript -Environment $environment)
        }

        foreach ($result in $results) {
            $result.Output | Should -Match 'WORKED' -Because $result.Output
            $result.ExitCode | Should -Be 0
            $result.Output | Should -Not -Match 'nmv_usr_' -Because 'a token never appears in verbose output or errors'
        }
        $stats = Get-ServerStats $server.Url
        $stats.anonymous_tokens_issued | Should -Be 1
        $stats.anonymous_tokens_refused | Should -Be 0
        @($stats.uploads_by_session.PSObject.Properties).Count | Should -Be 5
    }

    It 'keeps the token owner-only in the user''s config folder' {
        $store = Join-Path $userHome '.config/nemovideo/anonymous_tokens.json'
        Test-Path $store | Should -BeTrue
        if (-not $IsWindows) {
            [IO.File]::GetUnixFileMode($store) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        }
    }

    It 'explains a refused token request: the 7-day quota, the date, and NEMO_TOKEN' {
        # Same client id, but a computer (HOME) that does not hold the token: the service refuses a second one.
        $clientId = (Get-Content (Join-Path $userHome '.config/nemovideo/client_id') -Raw).Trim()
        $otherHome = New-Item -ItemType Directory -Path (Join-Path $work 'other-home') -Force
        $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
try { Connect-Nemo -Endpoint $env:NEMO_TEST_URL -ErrorAction Stop; 'CONNECTED' }
catch { "ID=$($_.FullyQualifiedErrorId)"; "CATEGORY=$($_.CategoryInfo.Category)"; "MESSAGE=$($_.Exception.Message)" }
'@
        $started = Get-Date
        $result = Wait-Child (Start-Child -UserHome $otherHome -Script $script -Environment ($environment + @{ NEMO_CLIENT_ID = $clientId }))
        $result.Output | Should -Match 'ID=Nemo\.Auth\.AnonymousTokenQuota'
        $result.Output | Should -Match 'CATEGORY=QuotaExceeded'
        $result.Output | Should -Match 'one anonymous token per client id per 7 days'
        $result.Output | Should -Match 'NEMO_TOKEN'
        ((Get-Date) - $started).TotalSeconds | Should -BeLessThan 25 -Because 'a quota refusal is not worth the 30 s rate-limit wait'
        (Get-ServerStats $server.Url).anonymous_tokens_refused | Should -Be 1
    }

    It 'Disconnect-Nemo -Forget removes the stored token' {
        $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
Disconnect-Nemo -Forget
'@
        $result = Wait-Child (Start-Child -UserHome $userHome -Script $script -Environment $environment)
        $result.ExitCode | Should -Be 0 -Because $result.Output
        Test-Path (Join-Path $userHome '.config/nemovideo/anonymous_tokens.json') | Should -BeFalse
        Test-Path (Join-Path $userHome '.config/nemovideo/client_id') | Should -BeTrue -Because 'the client id is not a secret and the quota is counted on it'
    }
}

Describe 'A batch that never pays twice' {
    BeforeAll {
        # Runs Compress-NemoVideo over NEMO_TEST_VIDEOS in a child pwsh and prints one SUMMARY= line of JSON: the
        # results by status and every error's id, target and message.
        $batchScript = @'
Import-Module $env:NEMO_TEST_MANIFEST
$null = Connect-Nemo -Endpoint $env:NEMO_TEST_URL -ErrorAction Stop
$failures = @()
$results = @(Get-ChildItem -LiteralPath $env:NEMO_TEST_VIDEOS -Filter *.mp4 |
    Compress-NemoVideo -MaxSize 300KB -OutputDirectory $env:NEMO_TEST_OUT -ThrottleLimit ([int]$env:NEMO_TEST_THROTTLE) -ErrorVariable +failures -ErrorAction SilentlyContinue)
$summary = [pscustomobject]@{
    Compressed = @($results | Where-Object Status -EQ 'Compressed').Count
    Skipped    = @($results | Where-Object Status -EQ 'Skipped').Count
    Failed     = @($results | Where-Object Status -EQ 'Failed').Count
    Errors     = @($failures | ForEach-Object {
        [pscustomobject]@{ Id = ($_.FullyQualifiedErrorId -split ',')[0]; Target = "$($_.TargetObject)"; Message = $_.Exception.Message }
    })
}
'SUMMARY=' + ($summary | ConvertTo-Json -Depth 4 -Compress)
'@

        function New-Clips([string] $Folder, [int] $Count) {
            New-Item -ItemType Directory -Path $Folder -Force | Out-Null
            $first = Join-Path $Folder 'clip-001.mp4'
            & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=15:duration=2' `
                -f lavfi -i 'sine=frequency=440:duration=2' -c:v libx264 -preset ultrafast -b:v 600k -c:a aac -shortest $first
            if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make a clip' }
            # 2..1 would count down, so one clip is copied nowhere.
            foreach ($index in @(if ($Count -gt 1) { 2..$Count })) { Copy-Item $first (Join-Path $Folder ('clip-{0:000}.mp4' -f $index)) }
        }

        function Read-Summary($Result) {
            $line = ($Result.Output -split "`n" | Where-Object { $_ -like 'SUMMARY=*' } | Select-Object -Last 1)
            if (-not $line) { throw "The batch printed no summary: $($Result.Output)" }
            $line.Substring('SUMMARY='.Length) | ConvertFrom-Json
        }
    }

    It 'killed mid-instruction, mid-render and mid-download, reruns make no second instruction or upload and leave no partial file' {
        $server = Start-StrictServer -ExtraArguments @('--fault', 'slow-agent:count=1', '--fault', 'slow-render:count=1',
            '--fault', 'slow-download:count=1', '--slow-render', '30')
        try {
            $videos = Join-Path $work 'kill-videos'
            $out = Join-Path $work 'kill-out'
            New-Clips $videos 3
            $batchHome = New-Item -ItemType Directory -Path (Join-Path $work 'kill-home') -Force
            $environment = @{ NEMO_TEST_URL = $server.Url; NEMO_TEST_VIDEOS = $videos; NEMO_TEST_OUT = $out; NEMO_TEST_THROTTLE = '1' }

            # 1. Killed while the agent works on the first file's instruction (the slow-agent fault holds it 30 s).
            $child = Start-Child -UserHome $batchHome -Script $batchScript -Environment $environment
            Wait-Until { @((Get-ServerStats $server.Url).instructions_by_session.PSObject.Properties).Count -ge 1 } 120 'the first instruction'
            Start-Sleep -Seconds 1
            $child.Process.Kill($true); $child.Process.WaitForExit()
            @((Get-ServerStats $server.Url).edits_applied_by_name.PSObject.Properties).Count | Should -Be 0 -Because 'the killed instruction never applied'

            # 2. Killed while the first file's render runs (the slow-render fault holds it 30 s).
            $child = Start-Child -UserHome $batchHome -Script $batchScript -Environment $environment
            Wait-Until { @((Get-ServerStats $server.Url).renders_by_session.PSObject.Properties).Count -ge 1 } 180 'the first render'
            Start-Sleep -Seconds 1
            $child.Process.Kill($true); $child.Process.WaitForExit()

            # 3. Killed half way through the first download (the slow-download fault pauses it 30 s).
            $child = Start-Child -UserHome $batchHome -Script $batchScript -Environment $environment
            Wait-Until { @(Get-ChildItem -LiteralPath $out -Filter '*.partial' -Force -ErrorAction SilentlyContinue).Count -ge 1 } 180 'a partial download'
            Start-Sleep -Seconds 1
            $child.Process.Kill($true); $child.Process.WaitForExit()
            @(Get-ChildItem -LiteralPath $out -Filter '*.partial' -Force).Count | Should -BeGreaterThan 0 -Because 'the kill left a partial file for the rerun to clean'

            # 4. The rerun that finishes.
            $result = Wait-Child (Start-Child -UserHome $batchHome -Script $batchScript -Environment $environment)
            $summary = Read-Summary $result
            $summary.Failed | Should -Be 0 -Because ($summary.Errors | ConvertTo-Json -Depth 3)

            $stats = Get-ServerStats $server.Url
            foreach ($name in 'clip-001.mp4', 'clip-002.mp4', 'clip-003.mp4') {
                $stats.uploads_by_name.$name | Should -Be 1 -Because "$name is uploaded once over four runs"
                $stats.edits_applied_by_name.$name | Should -Be 1 -Because "$name is instructed (and charged) once over four runs"
                Test-Path (Join-Path $out $name) | Should -BeTrue
            }
            $stats.faults_fired.'slow-agent' | Should -Be 1
            $stats.faults_fired.'slow-render' | Should -Be 1
            $stats.faults_fired.'slow-download' | Should -Be 1
            @(Get-ChildItem -LiteralPath $out -Force | Where-Object Name -Like '*.partial').Count | Should -Be 0
            Test-Path (Join-Path $out '.nemovideo-journal.json') | Should -BeFalse -Because 'a finished batch leaves no journal'
        }
        finally {
            $server.Process.Kill($true); $server.Process.WaitForExit()
        }
    }

    It 'ends a render wait at once when the token expires and the strict server refuses a new one' {
        # The token lives 20 s (time enough to upload, instruct and submit even on a loaded machine); the render is held
        # 90 s, so the token expires while the export polls. The 7-day quota then refuses a new token: the wait must end
        # with that refusal, asking once, not poll on until the render ends.
        $server = Start-StrictServer -ExtraArguments @('--token-lifetime', '20', '--fault', 'slow-render:count=1', '--slow-render', '90')
        try {
            $videos = Join-Path $work 'expiry-videos'
            New-Clips $videos 1
            $expiryHome = New-Item -ItemType Directory -Path (Join-Path $work 'expiry-home') -Force
            $environment = @{ NEMO_TEST_URL = $server.Url; NEMO_TEST_VIDEOS = $videos; NEMO_TEST_OUT = (Join-Path $work 'expiry-out'); NEMO_TEST_THROTTLE = '1' }
            $started = Get-Date
            $summary = Read-Summary (Wait-Child (Start-Child -UserHome $expiryHome -Script $batchScript -Environment $environment))
            $elapsed = ((Get-Date) - $started).TotalSeconds
            Write-Host "token expired mid-render: ended after $([math]::Round($elapsed, 1)) s with $(@($summary.Errors).Id -join ', ')"

            @($summary.Errors).Count | Should -Be 1
            $summary.Errors[0].Id | Should -Be 'Nemo.Auth.AnonymousTokenQuota'
            $summary.Errors[0].Target | Should -Be (Join-Path $videos 'clip-001.mp4')
            $elapsed | Should -BeLessThan 75 -Because 'the refusal ends the wait instead of the 90 s render'
            $stats = Get-ServerStats $server.Url
            $stats.anonymous_tokens_refused | Should -Be 1 -Because 'a refused token is asked for once'
            $stats.faults_fired.'slow-render' | Should -Be 1 -Because 'the render was still held when the wait ended'
        }
        finally {
            $server.Process.Kill($true); $server.Process.WaitForExit()
        }
    }

    It 'stops at once when the user presses Ctrl+C during a stalled download, leaving no partial file' {
        $server = Start-StrictServer -Lenient -ExtraArguments @('--fault', 'slow-download:count=1', '--slow-render', '60')
        try {
            $videos = Join-Path $work 'stop-videos'
            New-Clips $videos 1
            $stopOut = New-Item -ItemType Directory -Path (Join-Path $work 'stop-out') -Force
            # PowerShell.Stop() is what the console host calls on Ctrl+C.
            $script = @'
Import-Module $env:NEMO_TEST_MANIFEST
$shell = [powershell]::Create()
$null = $shell.AddScript('param($manifest, $url, $in, $out) Import-Module $manifest; Connect-Nemo -Endpoint $url | Out-Null; Compress-NemoVideo -LiteralPath $in -MaxSize 300KB -OutputDirectory $out')
$null = $shell.AddParameters(@{ manifest = $env:NEMO_TEST_MANIFEST; url = $env:NEMO_TEST_URL; in = (Join-Path $env:NEMO_TEST_VIDEOS 'clip-001.mp4'); out = $env:NEMO_TEST_OUT })
$pending = $shell.BeginInvoke()
$deadline = (Get-Date).AddSeconds(120)
while (-not (Get-ChildItem -LiteralPath $env:NEMO_TEST_OUT -Filter '*.partial' -Force -ErrorAction SilentlyContinue) -and -not $pending.IsCompleted -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
Start-Sleep -Seconds 1
$watch = [Diagnostics.Stopwatch]::StartNew()
$shell.Stop()
'STOPPED={0:0.000}' -f $watch.Elapsed.TotalSeconds
'ERRORS=' + (@($shell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join ' | ')
'LEFT=' + (@(Get-ChildItem -LiteralPath $env:NEMO_TEST_OUT -Force | Where-Object Name -NotLike '.nemovideo-journal*').Name -join '|')
'@
            $result = Wait-Child (Start-Child -UserHome (Join-Path $work 'stop-home') -Script $script -Environment @{
                NEMO_TEST_URL = $server.Url; NEMO_TEST_VIDEOS = $videos; NEMO_TEST_OUT = $stopOut })
            $result.Output -match 'STOPPED=(?<seconds>[\d.]+)' | Should -BeTrue -Because $result.Output
            $seconds = [double]$Matches.seconds
            Write-Host "Ctrl+C during a stalled download: stopped in $seconds s"
            $seconds | Should -BeLessThan 3
            $result.Output | Should -Match '(?m)^LEFT=\s*$' -Because 'the partial download is removed'
            (Get-ServerStats $server.Url).faults_fired.'slow-download' | Should -Be 1 -Because "the download was stalled when stopped ($($result.Output))"
        }
        finally {
            $server.Process.Kill($true); $server.Process.WaitForExit()
        }
    }

    It 'finishes a 40-file batch under 10 % faults of every kind in at most two runs, with no duplicate instruction' {
        $kinds = 'rate-limit', 'server-error', 'drop-stream', 'empty-reply', 'fail-render', 'slow-render', 'expire-token',
            'drop-download', 'slow-agent', 'slow-download'
        $faultArguments = @($kinds | ForEach-Object { '--fault', "$($_):rate=0.1" }) + @('--fault-seed', ($env:NEMO_SOAK_SEED ?? '8'), '--slow-render', '1', '--retry-after', '1')
        $server = Start-StrictServer -ExtraArguments $faultArguments -Lenient
        try {
            $videos = Join-Path $work 'soak-videos'
            $out = Join-Path $work 'soak-out'
            New-Clips $videos 40
            $inputs = @(Get-ChildItem -LiteralPath $videos -Filter *.mp4 | ForEach-Object FullName)
            $soakHome = New-Item -ItemType Directory -Path (Join-Path $work 'soak-home') -Force
            $environment = @{ NEMO_TEST_URL = $server.Url; NEMO_TEST_VIDEOS = $videos; NEMO_TEST_OUT = $out; NEMO_TEST_THROTTLE = '4' }

            $runs = 0
            $errors = @()
            do {
                $runs++
                $summary = Read-Summary (Wait-Child (Start-Child -UserHome $soakHome -Script $batchScript -Environment $environment))
                $errors += @($summary.Errors)
                $done = @(Get-ChildItem -LiteralPath $out -Filter *.mp4).Count
            } while ($done -lt 40 -and $runs -lt 2)

            $stats = Get-ServerStats $server.Url
            $duplicates = @($stats.edits_applied_by_name.PSObject.Properties | Where-Object Value -GT 1)
            $report = [ordered]@{
                files                  = 40
                finished               = $done
                runs                   = $runs
                duplicate_instructions = $duplicates.Count
                duplicate_uploads      = @($stats.uploads_by_name.PSObject.Properties | Where-Object Value -GT 1).Count
                faults_fired           = $stats.faults_fired
                errors_by_id           = [ordered]@{}
                errors                 = @($errors | ForEach-Object { '{0} {1}: {2}' -f (Split-Path -Leaf $_.Target), $_.Id, $_.Message })
            }
            $errors | Group-Object Id | ForEach-Object { $report.errors_by_id[$_.Name] = $_.Count }
            $reportJson = $report | ConvertTo-Json -Depth 4
            Set-Content -LiteralPath (Join-Path $work 'soak-report.json') -Value $reportJson
            if ($env:NEMO_SOAK_REPORT) { Set-Content -LiteralPath $env:NEMO_SOAK_REPORT -Value $reportJson }
            Write-Host "Fault soak: $reportJson"

            $done | Should -Be 40
            $runs | Should -BeLessOrEqual 2
            $duplicates.Count | Should -Be 0
            foreach ($failure in $errors) {
                $inputs | Should -Contain $failure.Target -Because "every per-file error names its file ($($failure.Id): $($failure.Message))"
            }
            @(Get-ChildItem -LiteralPath $out -Force | Where-Object Name -Like '*.partial').Count | Should -Be 0
        }
        finally {
            $server.Process.Kill($true); $server.Process.WaitForExit()
        }
    }
}
