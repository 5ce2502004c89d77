#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the NemoVideo module. Only orchestrates dotnet.
.DESCRIPTION
    Build    dotnet build of the solution.
    Test     the xunit suites (dotnet test of the solution), then Package and every tests/pester/*.Tests.ps1 against the
             packaged module in a fresh `pwsh -NonInteractive`, with Pester 5.9.1 restored from NuGet
             (tools/pester). Its last line counts every xunit and every Pester test: "N passed, N failed, N skipped";
             the exit code is 1 when anything failed.
    Package  assembles out/NemoVideo/<version>/ (manifest, module, dependencies/, help, formats, server/) through the
             PackageModule MSBuild target.
    Demo     packages, makes a sample clip with ffmpeg and runs the one-liner against the local server.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package, Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

# Arguments come as one array so that dotnet's switches (-c, -t:, -v:) are never taken for this function's parameters.
function Invoke-Dotnet {
    param([string[]] $Arguments)
    # To the console, never into the caller's output: callers return values.
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix |
        Where-Object { $_ } | Select-Object -First 1
}

function Get-PackagePath { Join-Path $root "out/NemoVideo/$(Get-ModuleVersion)" }

# A new pwsh like this one. Under `dotnet pwsh` (the repo's local tool) this process is dotnet running pwsh.dll.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'pwsh') { return , @($process) }
    , @($process, (Join-Path $PSHOME 'pwsh.dll'))
}

# Pester's module from NuGet: restore tools/pester, then read the packages folder that restore really used (it
# follows NUGET_PACKAGES and NuGet.config) from the restore's own assets file.
function Get-PesterManifest {
    $project = Join-Path $root 'tools/pester/Pester.Restore.csproj'
    Invoke-Dotnet 'restore', $project, '-v:q', '-nologo'
    $assets = Get-Content -Raw (Join-Path $root 'tools/pester/obj/project.assets.json') | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $version = ([xml](Get-Content -Raw $project)).Project.ItemGroup.PackageDownload.Version.Trim('[]')
    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $version was restored but $manifest is missing." }
    $manifest
}

# xunit's counts from the TRX files of one dotnet test run. A run that failed without a failed test (a build error,
# a crashed test host) counts as one failure rather than a clean sheet.
function Get-TrxCount {
    param([string] $Folder, [int] $ExitCode)
    $count = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem -Path $Folder -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw $trx.FullName)).TestRun.ResultSummary.Counters
        $failed = 0
        foreach ($kind in 'failed', 'error', 'timeout', 'aborted') { $failed += [int]$counters.$kind }
        $count.Passed += [int]$counters.passed
        $count.Failed += $failed
        $count.Skipped += [int]$counters.total - [int]$counters.passed - $failed
    }
    if ($ExitCode -ne 0 -and $count.Failed -eq 0) { $count.Failed = 1 }
    $count
}

. (Join-Path $root 'tools/pester/PesterSuiteCount.ps1')

function Invoke-PesterSuite {
    param([string] $Results)
    & $actions.Package
    $pesterManifest = Get-PesterManifest
    $counts = Join-Path $Results 'pester.json'
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $root 'tools/pester/Invoke-PesterSuite.ps1') `
        -PesterManifest $pesterManifest -ModuleManifest (Join-Path (Get-PackagePath) 'NemoVideo.psd1') -ResultPath $counts |
        Out-Host
    Get-PesterSuiteCount -CountsPath $counts -ExitCode $LASTEXITCODE
}

$actions = @{
    Build   = { Invoke-Dotnet 'build', (Join-Path $root 'NemoPS.sln'), '-c', $Configuration }
    Test    = {
        $results = Join-Path $root 'out/test-results'
        Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Force -Path $results
        $suites = [ordered]@{}

        & dotnet test (Join-Path $root 'NemoPS.sln') -c $Configuration --logger trx --results-directory (Join-Path $results 'xunit') |
            Out-Host
        $suites.xunit = Get-TrxCount -Folder (Join-Path $results 'xunit') -ExitCode $LASTEXITCODE

        $suites.Pester = try { Invoke-PesterSuite -Results $results }
        catch {
            Write-Warning "The Pester suite could not run: $_"
            [ordered]@{ Passed = 0; Failed = 1; Skipped = 0 }
        }

        $total = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
        foreach ($suite in $suites.GetEnumerator()) {
            Write-Host "$($suite.Key): $($suite.Value.Passed) passed, $($suite.Value.Failed) failed, $($suite.Value.Skipped) skipped"
            foreach ($key in @($total.Keys)) { $total[$key] += $suite.Value[$key] }
        }
        Write-Host "$($total.Passed) passed, $($total.Failed) failed, $($total.Skipped) skipped"
        if ($total.Failed -gt 0) { exit 1 }
    }
    Package = {
        Invoke-Dotnet 'msbuild', (Join-Path $root 'src/NemoVideo.Module/NemoVideo.Module.csproj'), '-t:PackageModule', "-p:Configuration=$Configuration", '-v:m'
        Write-Host "Import-Module $(Join-Path (Get-PackagePath) 'NemoVideo.psd1')"
    }
    Demo    = {
        if (-not (Test-Path (Join-Path (Get-PackagePath) 'NemoVideo.psd1'))) { & $actions.Package }
        $demo = Join-Path $root 'out/demo'
        $videos = New-Item -ItemType Directory -Force (Join-Path $demo 'videos')
        $sample = Join-Path $videos 'sample.mp4'
        if (-not (Test-Path $sample)) {
            # 20 s of 1080p test pattern with a tone: large enough that compressing it shows.
            & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=1920x1080:rate=30:duration=20' `
                -f lavfi -i 'sine=frequency=440:duration=20' -c:v libx264 -preset veryfast -b:v 8M -c:a aac -shortest $sample
            if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the sample clip.' }
        }

        Import-Module (Join-Path (Get-PackagePath) 'NemoVideo.psd1') -Force
        try {
            Connect-Nemo -Local | Format-Table
            Get-ChildItem $videos -Filter *.mp4 | Compress-NemoVideo -MaxSize 5MB -OutputDirectory (Join-Path $demo 'small') -Force |
                Format-Table
        }
        finally {
            Disconnect-Nemo
            Remove-Module NemoVideo
        }
    }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    & $actions[$name]
}
