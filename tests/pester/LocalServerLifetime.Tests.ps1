#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Every way a PowerShell user stops using a -Local server stops it, and its ffmpeg with it: Disconnect-Nemo during a
    render, closing the runspace that connected, the end of a ForEach-Object -Parallel iteration, Remove-Module, and
    the PowerShell process dying. Counts the processes left (0). Linux only: the process tree is read from /proc.
    Runs against the PACKAGED module, like NemoVideo.Tests.ps1 (set NEMO_MODULE_MANIFEST to test another package).
#>

BeforeDiscovery {
    $onLinux = $IsLinux
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    $manifest = Get-PackagedModuleManifest

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-lifetime-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    # The servers' data goes to a private state folder of this run, not the user's.
    $env:XDG_STATE_HOME = Join-Path $work 'state'
    $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()

    function Get-ProcessStat([int] $Id) {
        try {
            $stat = [IO.File]::ReadAllText("/proc/$Id/stat")
            $rest = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
            [pscustomobject]@{ Id = $Id; Name = $stat.Substring($stat.IndexOf('(') + 1, $stat.LastIndexOf(')') - $stat.IndexOf('(') - 1); State = $rest[0]; Parent = [int]$rest[1] }
        } catch { }
    }

    # Live (not zombie) processes, by id.
    function Test-Alive([int] $Id) { $s = Get-ProcessStat $Id; $null -ne $s -and $s.State -notin 'Z', 'X' }

    # The -Local servers a given PowerShell process started (they are told its id with --parent-pid).
    function Get-LocalServerId([int] $Owner = $PID) {
        foreach ($entry in [IO.Directory]::GetDirectories('/proc')) {
            $id = 0
            if (-not [int]::TryParse([IO.Path]::GetFileName($entry), [ref] $id)) { continue }
            try { $arguments = [IO.File]::ReadAllText("$entry/cmdline").Split([char]0) } catch { continue }
            $at = [array]::IndexOf($arguments, '--parent-pid')
            if ($arguments -match 'NemoVideo\.LocalServer\.dll$' -and $at -ge 0 -and $arguments[$at + 1] -eq "$Owner" -and (Test-Alive $id)) { $id }
        }
    }

    # Starts another PowerShell as ONE process (under the dotnet host when this one runs as a dotnet tool), so the id
    # it reports is the id the module passes to its server.
    function Start-PowerShell([string] $Script, [string] $Output) {
        $program, $prefix = Get-PwshCommand
        $arguments = @($prefix | Where-Object { $_ }) + @('-NoProfile', '-NonInteractive', '-Command', $Script)
        $start = @{ FilePath = $program; ArgumentList = $arguments; PassThru = $true }
        if ($Output) { $start.RedirectStandardOutput = $Output }
        Start-Process @start
    }

    function Get-Descendant([int] $Id) {
        $all = foreach ($entry in [IO.Directory]::GetDirectories('/proc')) {
            $child = 0
            if ([int]::TryParse([IO.Path]::GetFileName($entry), [ref] $child)) { Get-ProcessStat $child }
        }
        $queue = [Collections.Generic.Queue[int]]::new(); $queue.Enqueue($Id)
        while ($queue.Count) {
            $parent = $queue.Dequeue()
            foreach ($process in $all | Where-Object Parent -EQ $parent) { $process; $queue.Enqueue($process.Id) }
        }
    }

    # The run folders (one per server: run-<pid>-<random>) in this run's state folder.
    function Get-RunFolder {
        @(Get-ChildItem (Join-Path $env:XDG_STATE_HOME 'nemovideo') -Directory -Filter 'run-*' -ErrorAction SilentlyContinue).FullName
    }

    # Waits (bounded) until none of the ids is alive; returns those still alive.
    function Wait-Gone([int[]] $Id, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        do {
            $alive = @($Id | Where-Object { Test-Alive $_ })
            if (-not $alive) { return @() }
            Start-Sleep -Milliseconds 200
        } while ([DateTime]::UtcNow -lt $deadline)
        $alive
    }

    Import-Module $manifest -Force -ErrorAction Stop
    $long = Join-Path $work 'long.mp4'
    & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=1280x720:rate=25:duration=40' -c:v libx264 -preset ultrafast -pix_fmt yuv420p $long
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the long clip' }
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Item Env:NEMO_CLIENT_ID, Env:XDG_STATE_HOME -ErrorAction SilentlyContinue
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Stopping a -Local server leaves nothing running' -Skip:(-not $onLinux) {

    It 'Disconnect-Nemo during a render stops the server and its ffmpeg' {
        $before = @(Get-LocalServerId)
        $connection = Connect-Nemo -Local -ErrorAction Stop
        $server = @(Get-LocalServerId) | Where-Object { $_ -notin $before }
        $server | Should -HaveCount 1
        Send-NemoVideo -LiteralPath $long | Invoke-NemoInstruction 'compress this video to under 3MB' | Out-Null
        $export = Start-ThreadJob {
            Import-Module $using:manifest
            Export-NemoVideo -Session $using:connection -Destination $using:work -ErrorAction SilentlyContinue
        }

        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do { $tools = @(Get-Descendant $server | Where-Object Name -EQ 'ffmpeg'); Start-Sleep -Milliseconds 100 }
        until ($tools -or [DateTime]::UtcNow -gt $deadline)
        $tools | Should -Not -BeNullOrEmpty -Because 'ffmpeg renders when Disconnect-Nemo runs'

        Disconnect-Nemo
        $left = Wait-Gone (@($server) + $tools.Id)
        $export | Wait-Job -Timeout 60 | Remove-Job -Force

        $runFolders = @(Get-ChildItem (Join-Path $env:XDG_STATE_HOME 'nemovideo') -Directory -Filter "run-$server-*" -ErrorAction SilentlyContinue)

        Write-Host "Disconnect-Nemo during a render: processes left $($left.Count), run folders left $($runFolders.Count)"
        $left | Should -BeNullOrEmpty
        $runFolders | Should -BeNullOrEmpty
        Get-ChildItem $work -Filter '*.partial' -Recurse -Force | Should -BeNullOrEmpty
    }

    It 'a server that dies during a render ends the wait soon, naming the stopped server on the user''s file' {
        $before = @(Get-LocalServerId)
        $connection = Connect-Nemo -Local -ErrorAction Stop
        $server = @(Get-LocalServerId) | Where-Object { $_ -notin $before }
        $server | Should -HaveCount 1
        $out = Join-Path $work 'died-out'
        $compress = Start-ThreadJob {
            Import-Module $using:manifest
            $failures = @()
            $null = Compress-NemoVideo -LiteralPath $using:long -MaxSize 2MB -OutputDirectory $using:out -Session $using:connection -ErrorVariable +failures -ErrorAction SilentlyContinue
            $failures | ForEach-Object { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Target = "$($_.TargetObject)"; Message = $_.Exception.Message } }
        }

        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        do { $tools = @(Get-Descendant $server | Where-Object Name -EQ 'ffmpeg'); Start-Sleep -Milliseconds 100 }
        until ($tools -or [DateTime]::UtcNow -gt $deadline)
        $tools | Should -Not -BeNullOrEmpty -Because 'the server renders when it is killed'
        $killed = [DateTime]::UtcNow
        Stop-Process -Id $server -Force
        $errors = @($compress | Wait-Job -Timeout 120 | Receive-Job)
        $waited = ([DateTime]::UtcNow - $killed).TotalSeconds
        $compress | Remove-Job -Force
        Disconnect-Nemo -Session $connection -ErrorAction SilentlyContinue
        Write-Host "server killed mid-render: Compress-NemoVideo ended $([math]::Round($waited, 1)) s later with $($errors.Id -join ', ')"

        $errors | Should -HaveCount 1
        $errors[0].Id | Should -BeLike 'Nemo.LocalServer.Exited,*'
        $errors[0].Target | Should -Be $long
        $errors[0].Message | Should -Match 'Connect-Nemo -Local again'
        $waited | Should -BeLessThan 60 -Because 'a server that is gone is not waited for as long as a slow network'
        Get-ChildItem $out -Filter '*.partial' -Force -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'closing the runspace that connected stops its server' {
        $before = @(Get-LocalServerId)
        $foldersBefore = @(Get-RunFolder)
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript("Import-Module '$manifest'; Connect-Nemo -Local -ErrorAction Stop | Out-Null").Invoke()
        $started = @(Get-LocalServerId | Where-Object { $_ -notin $before })

        $runspace.Close()
        $shell.Dispose(); $runspace.Dispose()
        $left = Wait-Gone $started

        $foldersLeft = @(Get-RunFolder | Where-Object { $_ -notin $foldersBefore })

        Write-Host "closed runspace: servers started $($started.Count), processes left $($left.Count), run folders left $($foldersLeft.Count)"
        $started | Should -HaveCount 1
        $left | Should -BeNullOrEmpty
        $foldersLeft | Should -BeNullOrEmpty
    }

    It 'each ForEach-Object -Parallel iteration stops its server when it ends' {
        $before = @(Get-LocalServerId)
        $foldersBefore = @(Get-RunFolder)
        $last = [hashtable]::Synchronized(@{})
        # One runspace serves all three iterations (PowerShell reuses it), so each iteration can ask the server the
        # previous one started: it must be gone although the runspace is still open.
        $previousAnswered = 1..3 | ForEach-Object -ThrottleLimit 1 -Parallel {
            $last = $using:last
            if ($last.Endpoint) {
                try {
                    Invoke-RestMethod -Method Post -Uri ([Uri]::new($last.Endpoint, '/api/auth/anonymous-token')) `
                        -Headers @{ 'X-Client-Id' = 'probe' } -TimeoutSec 5 | Out-Null
                    $true
                } catch { $false }
            }
            Import-Module $using:manifest
            Connect-Nemo -Local -ErrorAction Stop | Out-Null
            $last.Endpoint = (Get-NemoContext).Endpoint
        }
        $left = Wait-Gone @(Get-LocalServerId | Where-Object { $_ -notin $before })

        $foldersLeft = @(Get-RunFolder | Where-Object { $_ -notin $foldersBefore })

        Write-Host "ForEach-Object -Parallel: previous iteration's server answered: $($previousAnswered -join ', '); processes left $($left.Count), run folders left $($foldersLeft.Count)"
        $previousAnswered | Should -HaveCount 2
        $previousAnswered | Should -Not -Contain $true
        $left | Should -BeNullOrEmpty
        $foldersLeft | Should -BeNullOrEmpty
    }

    It 'Remove-Module stops the server while PowerShell runs on (a separate pwsh)' {
        $script = "Import-Module '$manifest'; Connect-Nemo -Local -ErrorAction Stop | Out-Null; Start-Sleep 3; Remove-Module NemoVideo; Start-Sleep 30"
        $child = Start-PowerShell $script (Join-Path $work 'child.txt')
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do { $servers = @(Get-LocalServerId -Owner $child.Id); Start-Sleep -Milliseconds 100 }
        until ($servers -or $child.HasExited -or [DateTime]::UtcNow -gt $deadline)

        $left = Wait-Gone $servers -Seconds 25
        $stillRunning = -not $child.HasExited
        $child.Kill()

        Write-Host "Remove-Module: servers seen $($servers.Count), processes left $($left.Count) (PowerShell still running: $stillRunning)"
        $servers | Should -HaveCount 1
        $left | Should -BeNullOrEmpty
        $stillRunning | Should -BeTrue -Because 'Remove-Module, not the end of PowerShell, stopped the server'
    }

    It 'a killed PowerShell takes its server with it' {
        $script = "Import-Module '$manifest'; Connect-Nemo -Local -ErrorAction Stop | Out-Null; Start-Sleep 600"
        $child = Start-PowerShell $script
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do { $servers = @(Get-LocalServerId -Owner $child.Id); Start-Sleep -Milliseconds 200 }
        until ($servers -or [DateTime]::UtcNow -gt $deadline)

        $child.Kill()
        $left = Wait-Gone $servers

        $runFolders = @(Get-ChildItem (Join-Path $env:XDG_STATE_HOME 'nemovideo') -Directory -Filter "run-$($servers[0])-*" -ErrorAction SilentlyContinue)

        Write-Host "killed pwsh: servers seen $($servers.Count), processes left $($left.Count), run folders left $($runFolders.Count)"
        $servers | Should -HaveCount 1
        $left | Should -BeNullOrEmpty
        $runFolders | Should -BeNullOrEmpty
    }
}

Describe 'Connect-Nemo -Local keeps its data private and cleans it up' -Skip:(-not $onLinux) {
    It 'uses an owner-only folder under the state folder and removes the run''s files on Disconnect-Nemo' {
        $folder = Join-Path $env:XDG_STATE_HOME 'nemovideo'
        # Only this test's run folder: the tests above check their own servers' folders.
        $before = @(Get-ChildItem $folder -Directory -Filter 'run-*' -ErrorAction SilentlyContinue).FullName
        Connect-Nemo -Local -ErrorAction Stop | Out-Null
        Send-NemoVideo -LiteralPath $long | Out-Null
        $runs = @(Get-ChildItem $folder -Directory -Filter 'run-*' | Where-Object FullName -NotIn $before)
        $files = @(Get-ChildItem $runs -Recurse -File).Count

        Disconnect-Nemo

        Write-Host "default: run folders $($runs.Count), files while connected $files, left after Disconnect-Nemo $(@(Get-ChildItem $runs[0].FullName -Recurse -File -ErrorAction SilentlyContinue).Count)"
        [int](Get-Item $folder).UnixFileMode | Should -Be 448 -Because 'the folder is owner-only (0700)'
        $runs | Should -HaveCount 1
        $files | Should -BeGreaterThan 0
        Test-Path $runs[0].FullName | Should -BeFalse
    }

    It 'keeps them with -KeepData' {
        $folder = Join-Path $env:XDG_STATE_HOME 'nemovideo'
        $before = @(Get-ChildItem $folder -Directory -Filter 'run-*' -ErrorAction SilentlyContinue).FullName
        Connect-Nemo -Local -KeepData -ErrorAction Stop | Out-Null
        Send-NemoVideo -LiteralPath $long | Out-Null

        Disconnect-Nemo
        $kept = @(Get-ChildItem $folder -Directory -Filter 'run-*' | Where-Object FullName -NotIn $before)

        $kept | Should -HaveCount 1
        Get-ChildItem $kept[0].FullName -Recurse -Filter 'long.mp4' | Should -Not -BeNullOrEmpty
    }
}
