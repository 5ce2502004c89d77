# Dot-sourced by the Pester suites (Pester runs only *.Tests.ps1, so this file is never a suite of its own).

# The packaged module every suite tests: NEMO_MODULE_MANIFEST when set (build.ps1 -Task Test sets it), else
# out/NemoVideo/<VersionPrefix>/NemoVideo.psd1 of this repository. Throws when the package has not been built.
function Get-PackagedModuleManifest {
    $repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
    $manifest = $env:NEMO_MODULE_MANIFEST
    if (-not $manifest) {
        $props = [xml](Get-Content -Raw (Join-Path $repositoryRoot 'Directory.Build.props'))
        $version = @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
        $manifest = Join-Path $repositoryRoot "out/NemoVideo/$version/NemoVideo.psd1"
    }
    if (-not (Test-Path $manifest)) {
        throw "The packaged module is missing ($manifest). Run ./build.ps1 -Task Package first."
    }
    (Resolve-Path $manifest).Path
}

# How to start another pwsh like the one running the suite, as one process whose id is the pwsh's own: its
# executable, or the dotnet host with pwsh.dll when it runs as a dotnet tool. Returns the program, then the
# arguments that must come before pwsh's own.
function Get-PwshCommand {
    $program = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($program) -eq 'dotnet') { return @($program, (Join-Path $PSHOME 'pwsh.dll')) }
    @($program)
}
