#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    End-to-end tests of the PACKAGED module in a real pwsh, against the local server it ships (Connect-Nemo -Local)
    and real ffmpeg. Package first (./build.ps1 -Task Package, or the PackageModule MSBuild target); set
    NEMO_MODULE_MANIFEST to test a package somewhere else. Run: Invoke-Pester ./tests/pester -Output Detailed
#>

BeforeAll {
    $repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ErrorRecords.ps1')
    $manifest = Get-PackagedModuleManifest

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-pester-$([guid]::NewGuid().ToString('N'))"
    $videos = New-Item -ItemType Directory -Path (Join-Path $work 'videos') -Force

    function New-SampleClip {
        param([string] $Path, [int] $Seconds = 4)
        # ffmpeg does not create folders: every caller's target folder is made here, not by each caller.
        $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Path)
        & ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=$Seconds" `
            -f lavfi -i "sine=frequency=440:duration=$Seconds" -c:v libx264 -preset ultrafast -b:v 3M -c:a aac -shortest $Path
        if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $Path" }
        Get-Item $Path
    }

    $one = New-SampleClip -Path (Join-Path $videos 'one.mp4')
    $two = New-SampleClip -Path (Join-Path $videos 'two.mp4')
    $sourceHashes = Get-ChildItem $videos -Filter *.mp4 | Get-FileHash

    # A fresh anonymous identity for the local server; nothing is written to the user's ~/.config.
    $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()
    Import-Module $manifest -Force -ErrorAction Stop
    $connection = Connect-Nemo -Local -ErrorAction Stop
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Module NemoVideo -ErrorAction SilentlyContinue
    Remove-Item Env:NEMO_CLIENT_ID -ErrorAction SilentlyContinue
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'The packaged module' {
    It 'exports exactly the cmdlets of the manifest, nothing else' {
        $expected = 'Compress-NemoVideo', 'Connect-Nemo', 'Disconnect-Nemo', 'Export-NemoVideo', 'Get-NemoContext',
            'Get-NemoCredit', 'Get-NemoRender', 'Get-NemoState', 'Invoke-NemoInstruction', 'Send-NemoVideo'
        $commands = Get-Command -Module NemoVideo
        ($commands.Name | Sort-Object) | Should -Be $expected
        $commands.CommandType | Select-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'has the version of Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $repositoryRoot 'Directory.Build.props'))
        (Get-Module NemoVideo).Version.ToString(3) | Should -Be @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
    }

    It 'loads the client and its dependencies in a private load context' {
        $client = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'NemoVideo.Client' }
        @($client).Count | Should -Be 1 -Because 'one copy of the client is loaded'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($client).Name | Should -Be 'NemoVideo.Dependencies'
        $client.Location | Should -BeLike '*dependencies*'
    }

    It 'has full help for <_>' -ForEach @('Connect-Nemo', 'Send-NemoVideo', 'Invoke-NemoInstruction', 'Export-NemoVideo', 'Compress-NemoVideo') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Description | Should -Not -BeNullOrEmpty -Because 'the description comes from the compiled MAML'
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $help.Examples.Example[0].Code | Should -BeLike "*$_*"
    }

    It 'has the about topic' {
        Get-Help about_NemoVideo | Out-String | Should -BeLike '*Compress-NemoVideo*'
    }
}

Describe 'Connecting' {
    It 'keeps the connection as the runspace default' {
        $context = Get-NemoContext
        $context.SessionId | Should -Be $connection.SessionId
        $context.IsLocal | Should -BeTrue
        $context.Endpoint.Host | Should -Be '127.0.0.1'
        $context.BrowserLink | Should -Not -BeNullOrEmpty
    }

    It 'never shows the token in verbose or debug output' {
        $lines = Get-NemoCredit -Verbose -Debug 4>&1 5>&1 | Out-String
        $lines | Should -Not -Match 'nmv_[A-Za-z0-9_]+'
        $lines | Should -Not -Match 'Bearer\s+[A-Za-z0-9]'
    }
}

Describe 'The main job: Compress-NemoVideo' {
    BeforeAll {
        $small = Join-Path $work 'small'
        $results = Get-ChildItem $videos -Filter *.mp4 | Compress-NemoVideo -MaxSize 500KB -OutputDirectory $small
    }

    It 'outputs one result per file, each compressed' {
        @($results).Count | Should -Be 2
        $results.Status | Should -Be @('Compressed', 'Compressed')
    }

    It 'keeps every output under the ceiling and smaller than its input' {
        foreach ($result in $results) {
            $result.OutputSize | Should -BeLessOrEqual 500KB
            $result.Ratio | Should -BeLessThan 1
            (Get-Item $result.Output).Length | Should -Be $result.OutputSize
        }
    }

    It 'writes valid H.264 video' {
        foreach ($result in $results) {
            & ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 $result.Output | Should -Be 'h264'
        }
    }

    It 'never modifies the sources' {
        Get-ChildItem $videos -Filter *.mp4 | Get-FileHash | ForEach-Object Hash | Should -Be $sourceHashes.Hash
    }

    It 'resumes: a rerun skips files whose output exists' {
        $again = Get-ChildItem $videos -Filter *.mp4 | Compress-NemoVideo -MaxSize 500KB -OutputDirectory $small
        $again.Status | Should -Be @('Skipped', 'Skipped')
    }

    It 'shows a readable table by default' {
        $table = $results | Out-String
        $table | Should -Match 'Status'
        $table | Should -Match 'one\.mp4'
    }
}

Describe 'The pipeline chain' {
    It 'sends, instructs and exports in one pipeline' {
        $out = Join-Path $work 'chain/final.mp4'
        $file = Send-NemoVideo -LiteralPath $one.FullName |
            Invoke-NemoInstruction 'scale it to 480p' |
            Export-NemoVideo -OutFile $out
        $file.FullName | Should -Be $out
        $file.Length | Should -Be (Get-Item $out).Length
        & ffprobe -v error -select_streams v:0 -show_entries stream=height -of csv=p=0 $out | Should -Be '480'
    }

    It 'downloads a -NoWait render later when its job is piped back, without a second render' {
        $out = Join-Path $work 'resumed/final.mp4'
        $job = Export-NemoVideo -NoWait
        $job | Should -BeOfType 'NemoVideo.Module.NemoRenderJob'
        $file = $job | Export-NemoVideo -OutFile $out
        $file.RenderId | Should -Be $job.RenderId
        $file.SessionId | Should -Be $job.SessionId
        Test-Path -LiteralPath $out -PathType Leaf | Should -BeTrue
        & ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 $out | Should -Be 'h264'
    }

    It 'binds Get-ChildItem output to Send-NemoVideo' {
        $media = Get-ChildItem $videos -Filter *.mp4 | Send-NemoVideo
        @($media).Count | Should -Be 2
        $media.Name | Should -Contain 'two.mp4'
    }

    It 'shows the timeline summary' {
        (Get-NemoState).Summary | Should -Match 'Timeline'
        Get-NemoState -Raw | ConvertFrom-Json | Should -Not -BeNullOrEmpty
    }
}

Describe 'Errors' {
    It 'reports a missing file with its id, category and target, and goes on' {
        $missing = Join-Path $work 'missing.mp4'
        $media = Send-NemoVideo -LiteralPath $missing, $two.FullName -ErrorVariable failures -ErrorAction SilentlyContinue
        @($media).Count | Should -Be 1
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Path.NotFound -Category ObjectNotFound -TargetObject $missing
    }

    It 'does not send an export request to the agent and names the cmdlet' {
        Invoke-NemoInstruction 'export the video' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Instruction.Routed -AdviceLike 'Run Export-NemoVideo.'
    }

    # No command prompts on its own, in any pwsh; Automation.Tests.ps1 proves it with standard input closed or piped.
    It 'does not replace an existing file without -Force and does not prompt' {
        $existing = Join-Path $work 'exists.mp4'
        Set-Content -Path $existing -Value 'keep me'
        Export-NemoVideo -OutFile $existing -ErrorVariable failures -ErrorAction SilentlyContinue
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Download.FileExists
        Get-Content $existing | Should -Be 'keep me'
    }

    It 'writes nothing with -WhatIf' {
        $target = Join-Path $work 'whatif.mp4'
        Export-NemoVideo -OutFile $target -WhatIf
        Test-Path $target | Should -BeFalse
    }

    It 'fails clearly when not connected' {
        $runspace = [powershell]::Create()
        try {
            $null = $runspace.AddScript({
                    param($Manifest)
                    Import-Module $Manifest
                    try { Get-NemoCredit -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                }).AddArgument($manifest)
            $runspace.Invoke() | Should -BeLike 'Nemo.Connection.NotConnected,*'
        }
        finally {
            $runspace.Dispose()
        }
    }

    It 'accepts a connection passed with -Session in another runspace' {
        # A parallel runspace starts without the default connection (and, from a path import, without the module).
        $credit = 1 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            Get-NemoCredit -Session $using:connection
        }
        $credit.Available | Should -BeGreaterOrEqual 0
    }
}

Describe 'Stopping' {
    It 'stops a compression on Ctrl+C and leaves no partial file' {
        $stopped = Join-Path $work 'stopped'
        $long = New-SampleClip -Path (Join-Path $work 'long/long.mp4') -Seconds 30
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Session, $Video, $Destination)
                    Import-Module $Manifest
                    Compress-NemoVideo -LiteralPath $Video -MaxSize 300KB -OutputDirectory $Destination -Session $Session
                }).AddParameters(@{ Manifest = $manifest; Session = $connection; Video = $long.FullName; Destination = $stopped })
            $invocation = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and
                -not ($shell.Streams.Progress | Where-Object { $_.ParentActivityId -ge 0 })) {
                Start-Sleep -Milliseconds 50
            }

            # PowerShell.Stop() is what Ctrl+C does: StopProcessing, then the pipeline unwinds.
            $shell.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            Get-ChildItem $stopped -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'still works after a stopped command' {
        (Get-NemoCredit).Total | Should -BeGreaterOrEqual 0
    }
}

Describe 'Disconnecting' {
    It 'stops the local server' {
        $endpoint = (Get-NemoContext).Endpoint
        # A call that succeeds while the server runs, so the failure afterwards can only mean it stopped.
        $askForToken = {
            Invoke-RestMethod -Method Post -Uri ([Uri]::new($endpoint, '/api/auth/anonymous-token')) `
                -Headers @{ 'X-Client-Id' = [guid]::NewGuid().ToString() } -TimeoutSec 5
        }
        (& $askForToken).data.token | Should -Not -BeNullOrEmpty -Because 'the server answers while connected'

        Disconnect-Nemo

        Get-NemoContext | Should -BeNullOrEmpty
        $askForToken | Should -Throw
    }
}
