#Requires -Version 7.4
<#
    build.ps1 -Task Test counts a Pester run only when its process exited 0 AND wrote its counts file: a test that ends
    the process ([Environment]::Exit(0) inside an It) must count as a failure, not as "0 passed, 0 failed". Runs
    tools/pester/Invoke-PesterSuite.ps1 in a real pwsh on scratch test folders and counts with build.ps1's own function
    (tools/pester/PesterSuiteCount.ps1).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    $repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $repositoryRoot 'tools/pester/PesterSuiteCount.ps1')
    $pesterManifest = Join-Path (Split-Path -Parent (Get-Module Pester).Path) 'Pester.psd1'
    $pwshProgram, $pwshPrefix = Get-PwshCommand
    $pwshPrefix = @($pwshPrefix | Where-Object { $_ })
    $work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "nemo-suite-counting-$([guid]::NewGuid().ToString('N'))")

    # Runs Invoke-PesterSuite.ps1 on one scratch folder holding one test file; returns its exit code and counts path.
    function Invoke-ScratchSuite {
        param([string] $Name, [string] $TestBody)
        $folder = New-Item -ItemType Directory -Path (Join-Path $work $Name)
        Set-Content -LiteralPath (Join-Path $folder "$Name.Tests.ps1") -Value "Describe '$Name' { It 'runs' { $TestBody } }"
        $countsPath = Join-Path $work "$Name.json"
        # A stale file from an earlier run must not be read as this run's counts.
        Set-Content -LiteralPath $countsPath -Value '{"Passed":5,"Failed":0,"Skipped":0}'
        $null = & $pwshProgram @pwshPrefix -NoProfile -NonInteractive -File (Join-Path $repositoryRoot 'tools/pester/Invoke-PesterSuite.ps1') `
            -PesterManifest $pesterManifest -ModuleManifest 'unused.psd1' -ResultPath $countsPath -TestPath $folder.FullName 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; CountsPath = $countsPath }
    }
}

AfterAll {
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Counting a Pester run for build.ps1 -Task Test' {
    It 'a test that ends the process with exit code 0 counts as a failure' {
        $run = Invoke-ScratchSuite -Name 'EndsProcess' -TestBody '[Environment]::Exit(0)'

        $run.ExitCode | Should -Be 0 -Because 'the process really ended with 0, which is what fooled the count'
        Test-Path -LiteralPath $run.CountsPath | Should -BeFalse
        $count = Get-PesterSuiteCount -CountsPath $run.CountsPath -ExitCode $run.ExitCode 3>$null
        $count.Failed | Should -BeGreaterThan 0
    }

    It 'an unreadable counts file counts as a failure' {
        $countsPath = Join-Path $work 'garbled.json'
        Set-Content -LiteralPath $countsPath -Value '{"Passed":'
        (Get-PesterSuiteCount -CountsPath $countsPath -ExitCode 0 3>$null).Failed | Should -Be 1
    }

    It 'a passing run counts its test as passed and nothing failed' {
        $run = Invoke-ScratchSuite -Name 'Passes' -TestBody '1 | Should -Be 1'

        $run.ExitCode | Should -Be 0
        $count = Get-PesterSuiteCount -CountsPath $run.CountsPath -ExitCode $run.ExitCode
        $count.Passed | Should -Be 1
        $count.Failed | Should -Be 0
    }

    It 'a failing run counts its failure' {
        $run = Invoke-ScratchSuite -Name 'Fails' -TestBody '1 | Should -Be 2'

        $run.ExitCode | Should -Be 1
        (Get-PesterSuiteCount -CountsPath $run.CountsPath -ExitCode $run.ExitCode).Failed | Should -Be 1
    }

    It 'a failure whose message holds terminal colour codes keeps every count (XML cannot carry them)' {
        # A child pwsh's coloured error text in a -Because once made the NUnit XML export throw, and the whole suite's
        # 133 passes were lost to "0 passed, 1 failed".
        $run = Invoke-ScratchSuite -Name 'ColourFailure' -TestBody '1 | Should -Be 2 -Because "$([char]27)[31mred$([char]27)[0m"'

        $run.ExitCode | Should -Be 1
        $count = Get-PesterSuiteCount -CountsPath $run.CountsPath -ExitCode $run.ExitCode 3>$null
        $count.Failed | Should -Be 1
        $count.Passed | Should -Be 0
        (Get-Content -Raw -LiteralPath $run.CountsPath | ConvertFrom-Json).Failed | Should -Be 1 -Because 'the counts file was written'
    }
}
