#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every tests/pester/*.Tests.ps1 against a packaged module and writes the counts for build.ps1 -Task Test.
.DESCRIPTION
    build.ps1 starts this in its own `pwsh -NonInteractive` process: the tests then run as an unattended job does (a
    prompt fails instead of hanging), and the module they import never loads into the build's own process.

    The counts come from Pester's result object, not from its XML report: the object also knows a file that failed
    before any test ran (a parse error, a failing top-level BeforeAll with no tests under it), which the XML does not
    count as a test. Each such file or block counts as one failure, so a broken file can never pass as "0 failed".
    The NUnit XML is still written beside the counts for whoever wants per-test detail, but only after the counts, and
    its failure is a warning: XML cannot carry some characters a failure message may hold (a child pwsh's colour codes),
    and Pester's own export then threw and lost the counts of the whole run.
.OUTPUTS
    Exit code 0 when nothing failed, 1 otherwise. -ResultPath gets {"Passed":n,"Failed":n,"Skipped":n}.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $TestPath = (Join-Path $PSScriptRoot '../../tests/pester')
)

$ErrorActionPreference = 'Stop'
# A counts file from an earlier run must never stand in for this one (a test that ends the process writes none).
Remove-Item -LiteralPath $ResultPath -Force -ErrorAction SilentlyContinue
Import-Module $PesterManifest -Force
$env:NEMO_MODULE_MANIFEST = $ModuleManifest

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $configuration

function Test-HasFailedTest {
    param($Block)
    if ($null -eq $Block) { return $false }
    @($Block.Tests | Where-Object { $_ -and $_.Result -eq 'Failed' }).Count -gt 0 -or
        @($Block.Blocks | Where-Object { $_ -and (Test-HasFailedTest $_) }).Count -gt 0
}

# A failed file or block whose failure already shows on its tests is not counted twice.
$failuresWithoutFailedTests = @(
    $result.FailedContainers | Where-Object { -not (Test-HasFailedTest @{ Tests = @(); Blocks = $_.Blocks }) }
    $result.FailedBlocks | Where-Object { -not (Test-HasFailedTest $_) }
).Count

$counts = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $failuresWithoutFailedTests
    Skipped = $result.SkippedCount + $result.NotRunCount + $result.InconclusiveCount
}
$counts | ConvertTo-Json | Set-Content -LiteralPath $ResultPath

try {
    $result | Export-NUnitReport -Path ([IO.Path]::ChangeExtension($ResultPath, '.xml'))
}
catch {
    Write-Warning "The NUnit XML report was not written (the counts were): $($_.Exception.Message)"
}
exit ([int]($counts.Failed -gt 0))
