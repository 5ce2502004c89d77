#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the NemoVideo module. Only orchestrates dotnet.
.DESCRIPTION
    Build    dotnet build of the solution.
    Test     dotnet test of the solution (the Pester suite runs inside it when pwsh and Pester 5 are present).
    Package  assembles out/NemoVideo/<version>/ (manifest, module, dependencies/, help, formats, server/) through the
             PackageModule MSBuild target, which CI without pwsh runs directly.
    Demo     packages, makes a sample clip with ffmpeg and runs the one-liner against the local server.
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
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix |
        Where-Object { $_ } | Select-Object -First 1
}

function Get-PackagePath { Join-Path $root "out/NemoVideo/$(Get-ModuleVersion)" }

$actions = @{
    Build   = { Invoke-Dotnet 'build', (Join-Path $root 'NemoPS.sln'), '-c', $Configuration }
    Test    = { Invoke-Dotnet 'test', (Join-Path $root 'NemoPS.sln'), '-c', $Configuration }
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
