#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Admin automation, measured in real `pwsh -File` processes (the same pwsh that runs this suite) with the PACKAGED
    module, the local server and ffmpeg: a failed file gives a non-zero exit code when the script asks for it
    (-ErrorAction Stop), and nothing ever prompts or reads standard input, whether that input is closed, an open pipe
    carrying a stray newline, or pwsh runs -NonInteractive. Package first (./build.ps1 -Task Package or the
    PackageModule MSBuild target); NEMO_MODULE_MANIFEST names a package elsewhere.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    $manifest = Get-PackagedModuleManifest

    $work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "nemo-automation-$([guid]::NewGuid().ToString('N'))")
    & ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=15:duration=1' `
        -f lavfi -i 'sine=frequency=440:duration=1' -c:v libx264 -preset ultrafast -c:a aac -shortest (Join-Path $work 'clip.mp4')
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the sample clip' }

    # Each script imports the package, connects to its own local server and does one job an admin would automate.
    Set-Content -Path (Join-Path $work 'export.ps1') -Value @'
param([string] $Manifest, [string] $Clip, [string] $OutFile, [string] $Action = 'Continue')
$ErrorView = 'NormalView'
Import-Module $Manifest -ErrorAction Stop
Connect-Nemo -Local -ErrorAction Stop | Out-Null
Send-NemoVideo -LiteralPath $Clip | Invoke-NemoInstruction 'scale it to 240p' | Export-NemoVideo -OutFile $OutFile -ErrorAction $Action
'script finished'
'@
    Set-Content -Path (Join-Path $work 'compress.ps1') -Value @'
param([string] $Manifest, [string] $Folder, [string] $Output, [string] $Action = 'Continue')
$ErrorView = 'NormalView'
Import-Module $Manifest -ErrorAction Stop
Connect-Nemo -Local -ErrorAction Stop | Out-Null
Get-ChildItem $Folder -Filter *.mp4 | Compress-NemoVideo -MaxSize 10MB -OutputDirectory $Output -ThrottleLimit 1 -ErrorAction $Action | Out-Null
'script finished'
'@

    function Assert-NeverPrompted([string] $Text) {
        $Text | Should -Not -Match 'Replace it\?|\[Y\] Yes|Confirm|Are you sure' -Because 'nothing may prompt an unattended script'
        $Text | Should -Not -Match 'Object reference not set|NullReferenceException'
    }
}

AfterAll {
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Export-NemoVideo in an unattended script' {
    BeforeEach {
        $existing = Join-Path $work "existing-$([guid]::NewGuid().ToString('N')).mp4"
        Set-Content -Path $existing -Value 'keep me' -NoNewline
    }

    It 'never prompts, never fails with a NullReferenceException, and keeps an existing file (<Name>)' -ForEach @(
        @{ Name = 'standard input closed'; Switches = @(); StandardInput = 'Closed' }
        @{ Name = 'an open pipe that sends a newline'; Switches = @(); StandardInput = 'Newline' }
        @{ Name = '-NonInteractive'; Switches = @('-NonInteractive'); StandardInput = 'Closed' }
        @{ Name = '-NonInteractive, an open pipe that sends a newline'; Switches = @('-NonInteractive'); StandardInput = 'Newline' }
    ) {
        $run = Invoke-Pwsh -WorkingDirectory $work.FullName -StandardInput $StandardInput -Arguments (@('-NoProfile') + $Switches + @(
            '-File', (Join-Path $work 'export.ps1'), '-Manifest', $manifest, '-Clip', (Join-Path $work 'clip.mp4'), '-OutFile', $existing, '-Action', 'Stop'))

        Assert-NeverPrompted $run.Text
        Get-Content -Raw $existing | Should -Be 'keep me' -Because 'an existing file is replaced only with -Force'
        $run.Text | Should -Match 'Nemo\.Download\.FileExists,NemoVideo\.Module\.Commands\.ExportNemoVideoCommand'
        $run.ExitCode | Should -Not -Be 0 -Because '-ErrorAction Stop makes the failure end the script'
        $run.Text | Should -Not -Match 'script finished'
        @(Get-ChildItem $work -Filter '*.tmp*').Count | Should -Be 0
    }

    It 'goes on and exits 0 when the script does not ask to stop, still without replacing the file' {
        $run = Invoke-Pwsh -WorkingDirectory $work.FullName -StandardInput Closed -Arguments @(
            '-NoProfile', '-File', (Join-Path $work 'export.ps1'), '-Manifest', $manifest, '-Clip', (Join-Path $work 'clip.mp4'), '-OutFile', $existing)

        Assert-NeverPrompted $run.Text
        $run.Text | Should -Match 'Nemo\.Download\.FileExists'
        $run.Text | Should -Match 'script finished'
        $run.ExitCode | Should -Be 0
        Get-Content -Raw $existing | Should -Be 'keep me'
    }
}

Describe 'Compress-NemoVideo in an unattended script' {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Path (Join-Path $work 'batch')
        Copy-Item (Join-Path $work 'clip.mp4') (Join-Path $folder 'good.mp4')
        Set-Content -Path (Join-Path $folder 'broken.mp4') -Value 'this is not a video'
    }

    It 'exits non-zero on a failed file when the script says -ErrorAction Stop (<Name>)' -ForEach @(
        @{ Name = 'standard input closed'; Switches = @() }
        @{ Name = '-NonInteractive'; Switches = @('-NonInteractive') }
    ) {
        $output = Join-Path $work "small-stop-$([guid]::NewGuid().ToString('N'))"
        $run = Invoke-Pwsh -WorkingDirectory $work.FullName -StandardInput Closed -Arguments (@('-NoProfile') + $Switches + @(
            '-File', (Join-Path $work 'compress.ps1'), '-Manifest', $manifest, '-Folder', $folder, '-Output', $output, '-Action', 'Stop'))

        Assert-NeverPrompted $run.Text
        $run.ExitCode | Should -Not -Be 0
        $run.Text | Should -Match 'broken\.mp4'
        $run.Text | Should -Not -Match 'script finished'
    }

    It 'reports the failed file, compresses the rest and exits 0 without -ErrorAction Stop' {
        $output = Join-Path $work 'small-continue'
        $run = Invoke-Pwsh -WorkingDirectory $work.FullName -StandardInput Newline -Arguments @(
            '-NoProfile', '-File', (Join-Path $work 'compress.ps1'), '-Manifest', $manifest, '-Folder', $folder, '-Output', $output)

        Assert-NeverPrompted $run.Text
        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'broken\.mp4'
        $run.Text | Should -Match 'script finished'
        Test-Path (Join-Path $output 'good.mp4') | Should -BeTrue
        Test-Path (Join-Path $output 'broken.mp4') | Should -BeFalse
    }
}
