#Requires -Version 7.4
<#
    Every PowerShell file of the repository (scripts, modules, data files such as the manifest) parses with
    PowerShell's own parser, one test per file. Needs no package: run with Invoke-Pester ./tests/pester.
#>

BeforeDiscovery {
    $repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    # Build output and tool caches hold copies or others' files, not ours.
    $skippedFolders = 'bin', 'obj', 'out', 'node_modules', '.git', 'TestResults'
    $powerShellFiles = Get-ChildItem -LiteralPath $repositoryRoot -Recurse -File -Include *.ps1, *.psm1, *.psd1 |
        Where-Object {
            $relative = [IO.Path]::GetRelativePath($repositoryRoot, $_.FullName)
            -not ($relative.Split([IO.Path]::DirectorySeparatorChar) | Where-Object { $_ -in $skippedFolders })
        } |
        ForEach-Object { @{ Path = $_.FullName; Name = [IO.Path]::GetRelativePath($repositoryRoot, $_.FullName) } }
}

BeforeAll {
    function Get-ParseError {
        param([string] $Path)
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.ErrorId): $($_.Message)" }
    }
}

Describe 'PowerShell syntax' {
    It 'finds the build script, the manifest and the test files' {
        $names = $powerShellFiles.Name
        $names | Should -Contain 'build.ps1'
        $names | Should -Contain 'NemoVideo.psd1'
        @($names | Where-Object { $_ -like '*.Tests.ps1' }).Count | Should -BeGreaterThan 1
    } -ForEach @{ powerShellFiles = $powerShellFiles }

    It '<Name> parses' -ForEach $powerShellFiles {
        Get-ParseError -Path $Path | Should -BeNullOrEmpty
    }

    It 'rejects a broken script, so a pass above means something' {
        $broken = Join-Path ([IO.Path]::GetTempPath()) "nemo-broken-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $broken -Value 'function Test-It { param($a) if ($a -eq 1 { ''one'' } }'
        try {
            Get-ParseError -Path $broken | Should -Not -BeNullOrEmpty
        }
        finally {
            Remove-Item -LiteralPath $broken
        }
    }
}
