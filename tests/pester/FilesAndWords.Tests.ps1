#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Issue 9, "Files and folders" and "Words", end to end: the PACKAGED module in a real pwsh, against the local server
    it ships (Connect-Nemo -Local) and real ffmpeg. Package first (./build.ps1 -Task Package, or the PackageModule
    MSBuild target); set NEMO_MODULE_MANIFEST to test a package somewhere else.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ErrorRecords.ps1')
    $manifest = Get-PackagedModuleManifest

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-pester-files-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null

    function New-Clip {
        param([string] $LiteralPath, [int] $Seconds = 2)
        # 30 fps, 640x360: "60fps" is a raise, "480p" an upscale.
        & ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=30:duration=$Seconds" `
            -f lavfi -i "sine=frequency=440:duration=$Seconds" -c:v libx264 -preset ultrafast -b:v 2M -c:a aac -shortest `
            -f mp4 $LiteralPath
        if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $LiteralPath" }
        Get-Item -LiteralPath $LiteralPath
    }

    $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-Nemo -Local -ErrorAction Stop | Out-Null
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Module NemoVideo -ErrorAction SilentlyContinue
    Remove-Item Env:NEMO_CLIENT_ID -ErrorAction SilentlyContinue
    if ($work) {
        if ($IsLinux) { & chattr -R -i $work 2>$null }
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
    }
}

Describe 'Files and folders' {
    It 'reports a folder piped among files as one error and compresses the files' {
        $videos = New-Item -ItemType Directory -Path (Join-Path $work 'mixed') -Force
        New-Clip -LiteralPath (Join-Path $videos 'a.mp4') | Out-Null
        $sub = New-Item -ItemType Directory -Path (Join-Path $videos 'sub') -Force
        New-Clip -LiteralPath (Join-Path $videos 'b.mp4') | Out-Null

        $results = Get-ChildItem $videos | Compress-NemoVideo -MaxSize 300KB -OutputDirectory (Join-Path $work 'mixed-out') `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        @($failures).Count | Should -Be 1
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Path.IsFolder -Category InvalidArgument -TargetObject $sub.FullName
        ($results | Where-Object Status -eq 'Compressed').Count | Should -Be 2
    }

    It 'reports a folder sent to Send-NemoVideo the same way' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $work 'just-a-folder') -Force
        Send-NemoVideo -LiteralPath $folder.FullName -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Path.IsFolder -AdviceLike '*| Send-NemoVideo*'
    }

    It 'uploads and compresses a file whose name has <Label>, keeping the name' -ForEach @(
        @{ Label = 'a double quote'; Name = 'say "cheese".mp4' }
        # No backslash here: PowerShell's FileSystem provider on Linux reads it as a separator (the xunit end-to-end
        # test covers it through the client).
        @{ Label = 'a quote, a semicolon, a percent sign and Chinese'; Name = 'a "b"; c 50% 中文.mp4' }
    ) {
        $folder = New-Item -ItemType Directory -Path (Join-Path $work "names-$([guid]::NewGuid().ToString('N'))") -Force
        $source = New-Clip -LiteralPath (Join-Path $folder $Name)

        $media = Send-NemoVideo -LiteralPath $source.FullName -ErrorAction Stop
        $result = Compress-NemoVideo -LiteralPath $source.FullName -MaxSize 300KB -OutputDirectory (Join-Path $folder 'out') -ErrorAction Stop

        $media.Name | Should -Be $Name
        $result.Status | Should -Be 'Compressed'
        [IO.Path]::GetFileName($result.Output) | Should -Be ([IO.Path]::ChangeExtension($Name, '.mp4'))
        Test-Path -LiteralPath $result.Output -PathType Leaf | Should -BeTrue
    }

    It 'says to use -LiteralPath when a bracketed -Path name only exists literally' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $work 'brackets') -Force
        $clip = New-Clip -LiteralPath (Join-Path $folder 'clip [1080p].mp4')
        $pattern = Join-Path $folder 'clip [1080p].mp4'

        Compress-NemoVideo -Path $pattern -MaxSize 300KB -OutputDirectory (Join-Path $folder 'out') `
            -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Path.UseLiteralPath -Category ObjectNotFound -TargetObject $pattern `
            -AdviceLike '*-LiteralPath*'

        (Compress-NemoVideo -LiteralPath $clip.FullName -MaxSize 300KB -OutputDirectory (Join-Path $folder 'out')).Status |
            Should -Be 'Compressed'
    }

    It 'stops before any upload when the output folder is read-only' {
        $clip = New-Clip -LiteralPath (Join-Path $work 'ro-source.mp4')
        $readOnly = New-Item -ItemType Directory -Path (Join-Path $work 'read-only') -Force
        if ($IsWindows) { $readOnly.Attributes = 'ReadOnly' } elseif ((id -u) -eq '0') { & chattr +i $readOnly.FullName } else { & chmod 555 $readOnly.FullName }
        try { [IO.File]::WriteAllText((Join-Path $readOnly 'probe'), 'x'); $writable = $true } catch { $writable = $false }
        if ($writable) { Set-ItResult -Skipped -Because 'this machine cannot make a folder read-only for the current user'; return }
        $before = (Get-NemoCredit).Available

        $stopped = $null
        try { Compress-NemoVideo -LiteralPath $clip.FullName -MaxSize 300KB -OutputDirectory $readOnly.FullName -ErrorAction Stop }
        catch { $stopped = $_ }
        finally { if ($IsLinux -and (id -u) -eq '0') { & chattr -i $readOnly.FullName } }

        Assert-NemoErrorRecord $stopped -Id Nemo.Compress.OutputNotWritable -Category PermissionDenied
        (Get-NemoCredit).Available | Should -Be $before -Because 'nothing was uploaded, instructed or rendered'
    }

    It 'fails a file whose output path is an existing folder before its upload' {
        $clip = New-Clip -LiteralPath (Join-Path $work 'taken.mp4')
        $out = Join-Path $work 'taken-out'
        New-Item -ItemType Directory -Path (Join-Path $out 'taken.mp4') -Force | Out-Null

        $result = Compress-NemoVideo -LiteralPath $clip.FullName -MaxSize 300KB -OutputDirectory $out -Force `
            -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Compress.OutputIsFolder -TargetObject $clip.FullName
    }
}

Describe 'Words and platforms' {
    BeforeAll {
        $clip = New-Clip -LiteralPath (Join-Path $work 'words.mp4') -Seconds 8
    }

    It 'offers the platforms on tab completion' {
        $line = 'Compress-NemoVideo -Platform Dis'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'Discord'
        $completions | Should -Contain 'DiscordNitro'
    }

    It 'refuses an unknown platform, listing the known ones' {
        { Compress-NemoVideo -LiteralPath $clip.FullName -Platform MySpace -OutputDirectory $work -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*Discord*Slack*'
    }

    It 'needs -MaxSize or -Platform' {
        { Compress-NemoVideo -LiteralPath $clip.FullName -OutputDirectory $work -ErrorAction Stop } |
            Should -Throw -ErrorId 'Nemo.Compress.NoCeiling*'
    }

    It 'compresses under the Discord limit with -Platform Discord' {
        $result = Compress-NemoVideo -LiteralPath $clip.FullName -Platform Discord -OutputDirectory (Join-Path $work 'discord')
        $result.Status | Should -Be 'Compressed'
        $result.OutputSize | Should -BeLessOrEqual 10000000
    }

    It 'reads "<Instruction>"' -ForEach @(
        @{ Instruction = 'compress to 10 megabytes'; Reply = '*10,000,000 bytes*' }
        @{ Instruction = 'compress for discord'; Reply = '*Discord*10 MB*' }
        @{ Instruction = 'remove the first 0.5 seconds'; Reply = '*keep 0:00.5–0:08*' }
        @{ Instruction = 'make it 60fps'; Reply = '*never raised*Nothing was changed*' }
        @{ Instruction = 'convert to gif'; Reply = "*can't make GIF*Nothing was changed*" }
        @{ Instruction = '压缩到五十兆以内'; Reply = '*50,000,000 字节*' }
        @{ Instruction = 'compress to 10 megabytes and make it 60fps and convert to gif'; Reply = '*10,000,000 bytes*Not done*GIF*60 fps*' }
        @{ Instruction = 'compress to 3 MB for discord'; Reply = '*3,000,000 bytes*smaller than Discord*' }
        @{ Instruction = 'compress for myspace'; Reply = '*myspace*not in my table*Nothing was changed*' }
    ) {
        Send-NemoVideo -LiteralPath $clip.FullName | Out-Null
        if ($Reply -notlike '*Nothing was changed*') {
            (Invoke-NemoInstruction $Instruction).Reply | Should -BeLike $Reply
            return
        }
        # Declined as a whole: an error that quotes the reply, and nothing for a following Export-NemoVideo to render.
        $output = Invoke-NemoInstruction $Instruction -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        Assert-NemoErrorRecord $failures[0] -Id Nemo.Instruction.NothingChanged -MessageLike $Reply
    }
}
