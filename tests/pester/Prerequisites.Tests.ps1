#Requires -Version 7.4
<#
    Connect-Nemo -Local on a machine that lacks what the local server needs fails at once with an error that names the
    missing piece and how to install it. The machine is made to lack it by pointing PATH, DOTNET_ROOT and NEMO_FFMPEG
    at empty folders (and, for "dotnet without ASP.NET Core", at a real dotnet host that has only the base runtime).
    Imports the PACKAGED module (out/NemoVideo/<version>/, or NEMO_MODULE_MANIFEST).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ErrorRecords.ps1')
    $manifest = Get-PackagedModuleManifest
    Import-Module $manifest -Force -ErrorAction Stop

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-prerequisites-$([guid]::NewGuid().ToString('N'))"
    $empty = New-Item -ItemType Directory -Force -Path (Join-Path $work 'empty')

    # The real dotnet host's folder (symbolic links resolved: /usr/bin/dotnet -> /usr/share/dotnet/dotnet).
    $dotnetCommand = (Get-Command dotnet -CommandType Application -ErrorAction Stop)[0].Source
    $dotnetRoot = Split-Path -Parent ([IO.File]::ResolveLinkTarget($dotnetCommand, $true)?.FullName ?? $dotnetCommand)

    # A machine with the .NET base runtime but not ASP.NET Core: the real host and base runtime, nothing else.
    $baseOnlyRoot = New-Item -ItemType Directory -Force -Path (Join-Path $work 'dotnet-base-only')
    $hostName = if ($IsWindows) { 'dotnet.exe' } else { 'dotnet' }
    Copy-Item -LiteralPath (Join-Path $dotnetRoot $hostName) -Destination $baseOnlyRoot
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $baseOnlyRoot 'host') -Target (Join-Path $dotnetRoot 'host')
    $null = New-Item -ItemType Directory -Path (Join-Path $baseOnlyRoot 'shared')
    $null = New-Item -ItemType SymbolicLink -Path (Join-Path $baseOnlyRoot 'shared/Microsoft.NETCore.App') `
        -Target (Join-Path $dotnetRoot 'shared/Microsoft.NETCore.App')

    $touched = 'PATH', 'DOTNET_ROOT', 'DOTNET_HOST_PATH', 'NEMO_FFMPEG', 'NEMO_FFPROBE', 'NEMO_CLIENT_ID'
    $saved = @{}
    foreach ($name in $touched) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    # Runs Connect-Nemo -Local with the given environment; returns its error record and how long it took.
    function Invoke-ConnectLocal {
        param([hashtable] $Environment)
        foreach ($name in $touched) { [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        try {
            $null = Connect-Nemo -Local -ErrorAction Stop
            $record = $null
        }
        catch {
            $record = $_
        }
        finally {
            $clock.Stop()
            foreach ($name in $touched) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        [pscustomobject]@{ Error = $record; Seconds = $clock.Elapsed.TotalSeconds }
    }
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Module NemoVideo -ErrorAction SilentlyContinue
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Connect-Nemo -Local on a machine that lacks' {
    AfterEach {
        # Should a check be missing, the server may have started after all; never leave it running.
        Disconnect-Nemo -ErrorAction SilentlyContinue
    }

    It 'the dotnet host: says so at once, with how to install it' {
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $empty.FullName }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.DotnetMissing -Category NotInstalled -TargetObject dotnet -MessageLike @(
            "*DOTNET_ROOT=$($empty.FullName)*", '*winget install Microsoft.DotNet.AspNetCore.10*', '*brew install*'
            '*apt-get install aspnetcore-runtime-10.0*')
        $attempt.Error.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $attempt.Seconds | Should -BeLessThan 5
    }

    It 'the ASP.NET Core 10 runtime: names it and the host that lacks it' {
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $baseOnlyRoot.FullName }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.AspNetCoreMissing -Category NotInstalled `
            -TargetObject Microsoft.AspNetCore.App -MessageLike "*$(Join-Path $baseOnlyRoot $hostName)*", '*aspnetcore-runtime-10.0*'
        $attempt.Seconds | Should -BeLessThan 10
    }

    It 'ffmpeg and ffprobe: names both and how to install them' {
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $dotnetRoot }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.FfmpegMissing -Category NotInstalled -TargetObject ffmpeg -MessageLike @(
            '*ffmpeg was not found on PATH*', '*ffprobe was not found on PATH*', '*winget install Gyan.FFmpeg*'
            '*brew install ffmpeg*', '*apt-get install ffmpeg*')
        $attempt.Seconds | Should -BeLessThan 10
    }

    It 'the ffmpeg that NEMO_FFMPEG names: names the variable and the path' {
        $ffprobe = (Get-Command ffprobe -CommandType Application -ErrorAction Stop)[0].Source
        $missing = Join-Path $empty 'ffmpeg'
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $dotnetRoot; NEMO_FFMPEG = $missing; NEMO_FFPROBE = $ffprobe }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.FfmpegMissing -MessageLike "*NEMO_FFMPEG is $missing*"
        $attempt.Error.Exception.Message | Should -Not -BeLike '*ffprobe*not found*'
    }

    It 'a working ffmpeg where NEMO_FFMPEG points at another program (/bin/false): says it is not a working ffmpeg' -Skip:$IsWindows {
        $ffprobe = (Get-Command ffprobe -CommandType Application -ErrorAction Stop)[0].Source
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $dotnetRoot; NEMO_FFMPEG = '/bin/false'; NEMO_FFPROBE = $ffprobe }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.FfmpegMissing -Category NotInstalled -TargetObject ffmpeg `
            -MessageLike '*/bin/false (set by NEMO_FFMPEG) is not a working ffmpeg*'
        $attempt.Error.Exception.Message | Should -Not -BeLike '*ffprobe:*'
        $attempt.Seconds | Should -BeLessThan 10
    }

    It 'a working ffprobe where NEMO_FFPROBE points at a program that prints something else (ffmpeg): names ffprobe' {
        $ffmpeg = (Get-Command ffmpeg -CommandType Application -ErrorAction Stop)[0].Source
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $dotnetRoot; NEMO_FFMPEG = $ffmpeg; NEMO_FFPROBE = $ffmpeg }

        Assert-NemoErrorRecord $attempt.Error -Id Nemo.LocalServer.FfmpegMissing -TargetObject ffprobe `
            -MessageLike "*$ffmpeg (set by NEMO_FFPROBE) is not a working ffprobe*printed 'ffmpeg version*"
    }

    It 'everything missing at once: names every missing piece in one error' {
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $empty.FullName }

        $attempt.Error.Exception.Message | Should -BeLike '*no dotnet host was found*'
        $attempt.Error.Exception.Message | Should -BeLike '*Also missing: ffmpeg was not found on PATH*'
    }

    It 'nothing, when NEMO_FFMPEG and NEMO_FFPROBE name the programs: it connects' {
        $ffmpeg = (Get-Command ffmpeg -CommandType Application -ErrorAction Stop)[0].Source
        $ffprobe = (Get-Command ffprobe -CommandType Application -ErrorAction Stop)[0].Source
        $attempt = Invoke-ConnectLocal @{ PATH = $empty.FullName; DOTNET_ROOT = $dotnetRoot; NEMO_FFMPEG = $ffmpeg; NEMO_FFPROBE = $ffprobe }

        $attempt.Error | Should -BeNullOrEmpty
        (Get-NemoContext).IsLocal | Should -BeTrue
    }
}
