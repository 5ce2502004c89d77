# Dot-sourced by build.ps1 (and by tests/pester/SuiteCounting.Tests.ps1, which proves it).

<#
.SYNOPSIS
    The counts of one Invoke-PesterSuite.ps1 run: {Passed, Failed, Skipped}, from the counts file it writes last.
.DESCRIPTION
    Only a run that exited 0 AND wrote a readable counts file is taken at its word. A test that ends the process
    ([Environment]::Exit(0) inside an It) exits 0 without writing the file; a crash may leave it unreadable. Either
    counts as one failure, never as a clean "0 passed, 0 failed". A non-zero exit with no failed test counts as one too.
#>
function Get-PesterSuiteCount {
    param([Parameter(Mandatory)] [string] $CountsPath, [Parameter(Mandatory)] [int] $ExitCode)
    $count = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $readable = $false
    if (Test-Path -LiteralPath $CountsPath -PathType Leaf) {
        try {
            $written = Get-Content -Raw -LiteralPath $CountsPath | ConvertFrom-Json -ErrorAction Stop
            foreach ($key in @($count.Keys)) {
                if ($null -eq $written.$key) { throw "The counts file $CountsPath has no $key." }
                $count[$key] = [int]$written.$key
            }
            $readable = $true
        }
        catch {
            Write-Warning "The Pester counts file $CountsPath is unreadable: $_"
        }
    }
    else {
        Write-Warning "The Pester suite wrote no counts file ($CountsPath): a test may have ended the process."
    }
    if ((-not $readable -or $ExitCode -ne 0) -and $count.Failed -eq 0) { $count.Failed = 1 }
    $count
}
