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

# How to start another pwsh (Get-PwshCommand) with Arguments: output and errors redirected, and no colour codes, so that
# its text in a failure message is plain (XML reports cannot carry escape characters, and they are unreadable in logs).
function New-PwshStartInfo {
    param([string[]] $Arguments)
    $program, $prefix = Get-PwshCommand
    $info = [System.Diagnostics.ProcessStartInfo]::new($program)
    foreach ($argument in @($prefix | Where-Object { $_ }) + @($Arguments)) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.Environment['NO_COLOR'] = '1'
    $info
}

# Runs another pwsh (Get-PwshCommand) in WorkingDirectory with standard input closed at once, or an open pipe that
# carries one newline and stays open; a fresh NEMO_CLIENT_ID and no colours. Returns ExitCode and all Text (stdout +
# stderr); throws when it has not finished within TimeoutSeconds (a prompt would wait for ever).
function Invoke-Pwsh {
    param(
        [string[]] $Arguments,
        [ValidateSet('Closed', 'Newline')] [string] $StandardInput = 'Closed',
        [Parameter(Mandatory)] [string] $WorkingDirectory,
        [int] $TimeoutSeconds = 240
    )
    $info = New-PwshStartInfo -Arguments $Arguments
    $info.RedirectStandardInput = $true
    $info.WorkingDirectory = $WorkingDirectory
    $info.Environment['NEMO_CLIENT_ID'] = [guid]::NewGuid().ToString()
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        if ($StandardInput -eq 'Newline') {
            $process.StandardInput.WriteLine()
            $process.StandardInput.Flush()
        }
        else {
            $process.StandardInput.Close()
        }
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh $Arguments did not finish within $TimeoutSeconds s: is it waiting on a prompt?"
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Text = $output.Result + $errors.Result }
    }
    finally {
        $process.Dispose()
    }
}
