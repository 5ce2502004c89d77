#Requires -Version 7.4
<#
    Whole-command failures and what -WhatIf / -Confirm may do, measured with the PACKAGED module, the real local server
    and real `pwsh -NonInteractive -File` processes:
    - a whole-command failure (Not connected) under -ErrorAction Stop ends the script with a non-zero exit code, and
      is still caught by try/catch; without -ErrorAction Stop the script goes on, as before;
    - -WhatIf creates no output folder (not even its parents) and leaves no file behind;
    - an output location that cannot be written is still refused before anything is uploaded;
    - a ceiling the engine cannot meet is declined before the edit is charged (Nemo.Compress.InstructionNotApplied, with the engine's reason);
    - a -MaxSize no video fits under (1000 bytes) is refused before anything is uploaded (Nemo.Compress.CeilingTooSmall);
    - -Confirm where no prompt can be shown (pwsh -NonInteractive) is Nemo.Module.ConfirmUnavailable, not Unexpected.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ErrorRecords.ps1')
    $manifest = Get-PackagedModuleManifest
    Import-Module $manifest -Force -ErrorAction Stop

    $work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "nemo-command-errors-$([guid]::NewGuid().ToString('N'))")
    $clip = Join-Path $work 'clip.mp4'
    & ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=15:duration=1' `
        -c:v libx264 -preset ultrafast $clip
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the sample clip' }

    # Runs a script in `pwsh -NoProfile -NonInteractive -File` with standard input closed; returns exit code and all text.
    function Invoke-PwshScript {
        param([string] $Script, [string[]] $Arguments = @())
        $path = Join-Path $work "script-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $path -Value $Script
        Invoke-Pwsh -WorkingDirectory $work.FullName -StandardInput Closed -Arguments (@('-NoProfile', '-NonInteractive', '-File', $path) + $Arguments)
    }
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Module NemoVideo -ErrorAction SilentlyContinue
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'A whole-command failure (Not connected)' {
    BeforeAll {
        $notConnected = @'
param([string] $Manifest, [string] $Clip, [string] $Output, [string] $Action)
$ErrorView = 'NormalView'
Import-Module $Manifest -ErrorAction Stop
Compress-NemoVideo -LiteralPath $Clip -MaxSize 1MB -OutputDirectory $Output -ErrorAction $Action
'after'
'@
    }

    It 'ends a `pwsh -NonInteractive -File` script run with -ErrorAction Stop, with a non-zero exit code' {
        $run = Invoke-PwshScript $notConnected -Arguments @('-Manifest', $manifest, '-Clip', $clip, '-Output', (Join-Path $work 'stop'), '-Action', 'Stop')

        $run.Text | Should -Match 'Nemo\.Connection\.NotConnected'
        $run.Text | Should -Not -Match '(?m)^after' -Because '-ErrorAction Stop must end the script'
        $run.ExitCode | Should -Not -Be 0
    }

    It 'lets the script go on without -ErrorAction Stop, as a statement-terminating error' {
        $run = Invoke-PwshScript $notConnected -Arguments @('-Manifest', $manifest, '-Clip', $clip, '-Output', (Join-Path $work 'continue'), '-Action', 'Continue')

        $run.Text | Should -Match 'Nemo\.Connection\.NotConnected'
        $run.Text | Should -Match '(?m)^after'
        $run.ExitCode | Should -Be 0
    }

    It 'is caught by try/catch with -ErrorAction Stop, with its own id as $_' {
        Disconnect-Nemo -ErrorAction SilentlyContinue
        $caught = $null
        try {
            Compress-NemoVideo -LiteralPath $clip -MaxSize 1MB -OutputDirectory (Join-Path $work 'caught') -ErrorAction Stop
            $reached = $true
        }
        catch {
            $caught = $_
        }

        $reached | Should -BeNullOrEmpty
        Assert-NemoErrorRecord $caught -Id Nemo.Connection.NotConnected -Category ConnectionError
    }
}

Describe 'Compress-NemoVideo output folder checks, connected to the local server' {
    BeforeAll {
        $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()
        $null = Connect-Nemo -Local -ErrorAction Stop
    }

    AfterAll {
        Disconnect-Nemo -ErrorAction SilentlyContinue
    }

    It '-WhatIf creates neither the output folder nor its missing parents, and leaves no file' {
        $parent = Join-Path $work 'whatif-parent'
        $output = Join-Path $parent 'deeper'
        $before = @(Get-ChildItem -LiteralPath $work -Force -Recurse).Count

        $results = Compress-NemoVideo -LiteralPath $clip -MaxSize 1MB -OutputDirectory $output -WhatIf -ErrorAction Stop

        @($results).Count | Should -Be 0
        Test-Path -LiteralPath $parent | Should -BeFalse
        @(Get-ChildItem -LiteralPath $work -Force -Recurse).Count | Should -Be $before
    }

    It 'a missing output folder under a file is refused before anything is uploaded' {
        $file = Join-Path $work 'not-a-folder.txt'
        Set-Content -LiteralPath $file -Value 'x'
        $caught = $null
        try { Compress-NemoVideo -LiteralPath $clip -MaxSize 1MB -OutputDirectory (Join-Path $file 'out') -ErrorAction Stop }
        catch { $caught = $_ }

        Assert-NemoErrorRecord $caught -Id Nemo.Compress.OutputNotWritable -MessageLike '*Nothing was uploaded*'
    }

    It 'a missing output folder under a read-only folder is refused before anything is uploaded, and not created' -Skip:($IsWindows -or (& id -u) -eq '0') {
        $readOnly = New-Item -ItemType Directory -Path (Join-Path $work 'read-only')
        & chmod 555 $readOnly.FullName
        try {
            $caught = $null
            try { Compress-NemoVideo -LiteralPath $clip -MaxSize 1MB -OutputDirectory (Join-Path $readOnly 'a/b') -ErrorAction Stop }
            catch { $caught = $_ }

            Assert-NemoErrorRecord $caught -Id Nemo.Compress.OutputNotWritable -Category PermissionDenied
            @(Get-ChildItem -LiteralPath $readOnly -Force).Count | Should -Be 0
        }
        finally {
            & chmod 755 $readOnly.FullName
        }
    }

    It 'a ceiling too small for any picture is declined before it is charged, about the file, with the least that fits and how to trim' {
        # 10 s with sound: 20 kB leaves nothing for the picture after the sound's least bitrate and the container.
        $talk = Join-Path $work 'talk.mp4'
        & ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i 'testsrc2=size=320x240:rate=15:duration=10' `
            -f lavfi -i 'sine=frequency=300:duration=10' -c:v libx264 -preset ultrafast -c:a aac -shortest $talk
        $output = Join-Path $work 'too-small'
        $caught = $null
        $available = (Get-NemoCredit).Available
        try { Compress-NemoVideo -LiteralPath $talk -MaxSize 20000 -OutputDirectory $output -ErrorAction Stop }
        catch { $caught = $_ }

        # The local server asks its engine before it applies (and charges) the edit: declined, nothing rendered or paid.
        Assert-NemoErrorRecord $caught -Id Nemo.Compress.InstructionNotApplied -Category InvalidArgument -TargetObject $talk `
            -MessageLike '*20,000 bytes is too small for 10 seconds of video*Allow at least*Nothing was changed or charged*' `
            -AdviceLike "*larger -MaxSize (the reason may name the least that fits the whole clip), or -NoAudio*Send-NemoVideo -LiteralPath '$talk' | Invoke-NemoInstruction 'Keep only the first <seconds> seconds. Compress this video to under 20000 bytes and save it as mp4.'*Export-NemoVideo*"
        (Get-NemoCredit).Available | Should -Be $available -Because 'a declined instruction is not charged'

        @(Get-ChildItem -LiteralPath $output -Filter *.mp4 -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'a -MaxSize no video fits under is refused before any upload, not made into a file over the ceiling' {
        $output = Join-Path $work 'under-the-floor'
        $caught = $null
        try { Compress-NemoVideo -LiteralPath $clip -MaxSize 1000 -OutputDirectory $output -ErrorAction Stop }
        catch { $caught = $_ }

        Assert-NemoErrorRecord $caught -Id Nemo.Compress.CeilingTooSmall -Category InvalidArgument -TargetObject 1000 `
            -MessageLike '*1,000 bytes is too small for any video*' -AdviceLike '*at least 10KB*'
        Test-Path -LiteralPath $output | Should -BeFalse
    }

    It 'the output folder is created when a file really runs' {
        $output = Join-Path $work 'runs/here'
        $result = Compress-NemoVideo -LiteralPath $clip -MaxSize 1MB -OutputDirectory $output -ErrorAction Stop

        $result.Status | Should -Be 'Compressed'
        Test-Path -LiteralPath (Join-Path $output 'clip.mp4') -PathType Leaf | Should -BeTrue
    }
}

Describe '-Confirm where PowerShell cannot prompt' {
    It 'pwsh -NonInteractive: Nemo.Module.ConfirmUnavailable with advice, and nothing written' {
        $output = Join-Path $work 'confirm-output'
        $run = Invoke-PwshScript @'
param([string] $Manifest, [string] $Clip, [string] $Output)
$ErrorView = 'NormalView'
Import-Module $Manifest -ErrorAction Stop
Connect-Nemo -Local -ErrorAction Stop | Out-Null
try { Compress-NemoVideo -LiteralPath $Clip -MaxSize 1MB -OutputDirectory $Output -Confirm -ErrorAction Stop }
catch { "id=$($_.FullyQualifiedErrorId)"; "category=$($_.CategoryInfo.Category)"; "advice=$($_.ErrorDetails.RecommendedAction)" }
Disconnect-Nemo
'@ -Arguments @('-Manifest', $manifest, '-Clip', $clip, '-Output', $output)

        $run.Text | Should -Match 'id=Nemo\.Module\.ConfirmUnavailable,'
        $run.Text | Should -Match 'category=InvalidOperation'
        $run.Text | Should -Match 'advice=-Confirm needs an interactive PowerShell'
        $run.Text | Should -Not -Match 'Nemo\.Module\.Unexpected'
        Test-Path -LiteralPath $output | Should -BeFalse
    }
}
