#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Issue 9, "A file that is not a video", MPEG-TS, cut-off recordings and several video streams, end to end: the
    PACKAGED module in a real pwsh, against the local server it ships (Connect-Nemo -Local) and real ffmpeg. Every file
    is made here with ffmpeg. Package first (./build.ps1 -Task Package); set NEMO_MODULE_MANIFEST to test a package
    somewhere else.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    . (Join-Path $PSScriptRoot 'Support/ErrorRecords.ps1')
    $manifest = Get-PackagedModuleManifest

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-pester-kinds-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $work -Force | Out-Null

    # One array of arguments: a PowerShell function would split '-c:v' into '-c:' and 'v'.
    function Invoke-Ffmpeg {
        param([string[]] $Arguments)
        & ffmpeg -hide_banner -nostdin -loglevel error -y @Arguments
        if ($LASTEXITCODE -ne 0) { throw "ffmpeg $Arguments failed" }
    }

    function New-Clip {
        param([string] $LiteralPath, [int] $Seconds = 2, [string[]] $Codec = @('-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'))
        Invoke-Ffmpeg (@('-f', 'lavfi', '-i', "testsrc2=size=640x360:rate=30:duration=$Seconds", '-f', 'lavfi', '-i', "sine=frequency=440:duration=$Seconds") +
            $Codec + @('-shortest', $LiteralPath))
        Get-Item -LiteralPath $LiteralPath
    }

    # The first half of a file: what a crash, a full disk or an interrupted copy leaves.
    function Save-FirstHalf {
        param([string] $From, [string] $To)
        $bytes = [IO.File]::ReadAllBytes($From)
        [IO.File]::WriteAllBytes($To, $bytes[0..([int]($bytes.Length / 2))])
        Get-Item -LiteralPath $To
    }

    # MP4 boxes directly under 'moov', with 'udta' (where ffmpeg writes the cover) moved before the tracks, so the cover
    # picture is listed as stream 0 (as phones and taggers write it).
    function Move-UserDataFirst {
        param([string] $From, [string] $To)
        $bytes = [IO.File]::ReadAllBytes($From)
        function Get-Boxes([byte[]] $Data, [int] $Start, [int] $End) {
            for ($at = $Start; $at + 8 -le $End; $at += $size) {
                $size = [int](([long]$Data[$at] -shl 24) + ([long]$Data[$at + 1] -shl 16) + ([long]$Data[$at + 2] -shl 8) + [long]$Data[$at + 3])
                [pscustomobject]@{ Type = [Text.Encoding]::ASCII.GetString($Data, $at + 4, 4); Start = $at; Size = $size }
            }
        }
        $moov = Get-Boxes $bytes 0 $bytes.Length | Where-Object Type -eq 'moov'
        $children = @(Get-Boxes $bytes ($moov.Start + 8) ($moov.Start + $moov.Size))
        $ordered = @($children | Where-Object Type -eq 'mvhd') + @($children | Where-Object Type -eq 'udta') +
            @($children | Where-Object Type -notin 'mvhd', 'udta')
        $stream = [IO.MemoryStream]::new()
        foreach ($box in $ordered) { $stream.Write($bytes, $box.Start, $box.Size) }
        $stream.ToArray().CopyTo($bytes, $moov.Start + 8)
        [IO.File]::WriteAllBytes($To, $bytes)
        Get-Item -LiteralPath $To
    }

    $env:NEMO_CLIENT_ID = [guid]::NewGuid().ToString()
    Import-Module $manifest -Force -ErrorAction Stop
    Connect-Nemo -Local -ErrorAction Stop | Out-Null
}

AfterAll {
    Disconnect-Nemo -ErrorAction SilentlyContinue
    Remove-Module NemoVideo -ErrorAction SilentlyContinue
    Remove-Item Env:NEMO_CLIENT_ID -ErrorAction SilentlyContinue
    if ($work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}

Describe 'Files that are not videos' {
    BeforeAll {
        $in = New-Item -ItemType Directory -Path (Join-Path $work 'not-videos') -Force
        $out = Join-Path $work 'not-videos-out'
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', (Join-Path $in 'song.mp3'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', (Join-Path $in 'voice.wav'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', (Join-Path $in 'podcast.mp4'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', (Join-Path $in 'slide.png'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', (Join-Path $in 'photo.jpg'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', (Join-Path $in 'sticker.gif'))
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', '-c:v', 'png', '-f', 'mp4', (Join-Path $in 'poster.mp4'))
        Set-Content -LiteralPath (Join-Path $in 'notes.mp4') -Value "Shopping list`n- milk`n- eggs"
        $whole = New-Clip -LiteralPath (Join-Path $work 'whole.mp4') -Seconds 4
        Save-FirstHalf -From $whole.FullName -To (Join-Path $in 'crashed.mp4') | Out-Null
        New-Clip -LiteralPath (Join-Path $in 'real.mp4') | Out-Null
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10:duration=2', (Join-Path $in 'dance.gif'))
        $before = (Get-NemoCredit).Available

        $results = Get-ChildItem -LiteralPath $in -File | Compress-NemoVideo -MaxSize 300KB -OutputDirectory $out `
            -ErrorVariable failures -ErrorAction SilentlyContinue
        $byName = @{}
        foreach ($failure in $failures) { $byName[[IO.Path]::GetFileName([string]$failure.TargetObject)] = $failure }
    }

    It 'refuses <Name> as <Id> (<Category>), naming the file and saying what to do' -ForEach @(
        @{ Name = 'song.mp3'; Id = 'Nemo.Media.AudioOnly'; Category = 'InvalidType'; Advice = '*ffmpeg*' }
        @{ Name = 'voice.wav'; Id = 'Nemo.Media.AudioOnly'; Category = 'InvalidType'; Advice = '*audio*' }
        @{ Name = 'podcast.mp4'; Id = 'Nemo.Media.AudioOnly'; Category = 'InvalidType'; Advice = '*audio*' }
        @{ Name = 'slide.png'; Id = 'Nemo.Media.StillImage'; Category = 'InvalidType'; Advice = '*image*' }
        @{ Name = 'photo.jpg'; Id = 'Nemo.Media.StillImage'; Category = 'InvalidType'; Advice = '*image*' }
        @{ Name = 'sticker.gif'; Id = 'Nemo.Media.StillImage'; Category = 'InvalidType'; Advice = '*image*' }
        @{ Name = 'poster.mp4'; Id = 'Nemo.Media.StillImage'; Category = 'InvalidType'; Advice = '*image*' }
        @{ Name = 'notes.mp4'; Id = 'Nemo.Media.NotMedia'; Category = 'InvalidData'; Advice = '*file you meant*' }
        @{ Name = 'crashed.mp4'; Id = 'Nemo.Media.Truncated'; Category = 'InvalidData'; Advice = '*Copy it again from the original*' }
    ) {
        $failure = $byName[$Name]
        $failure | Should -Not -BeNullOrEmpty -Because "$Name must be refused on its own"
        Assert-NemoErrorRecord $failure -Id $Id -Category $Category -TargetObject (Join-Path $in $Name) -AdviceLike $Advice
        Test-Path -LiteralPath (Join-Path $out ([IO.Path]::ChangeExtension($Name, '.mp4'))) | Should -BeFalse
        ($results | Where-Object { [IO.Path]::GetFileName($_.Input) -eq $Name }).Status | Should -Be 'Failed'
    }

    It 'refuses each file alone: no session-level error, nothing left to export, and the videos still compress' {
        @($failures).Count | Should -Be 9
        $failures.FullyQualifiedErrorId | Should -Not -BeLike 'Nemo.Export.*'
        ($results | Where-Object { [IO.Path]::GetFileName($_.Input) -eq 'real.mp4' }).Status | Should -Be 'Compressed'
        Test-Path -LiteralPath (Join-Path $out 'real.mp4') | Should -BeTrue
    }

    It 'compresses an animated GIF as a video (H.264 MP4, under the ceiling)' {
        $gif = $results | Where-Object { [IO.Path]::GetFileName($_.Input) -eq 'dance.gif' }
        $gif.Status | Should -Be 'Compressed'
        $gif.OutputSize | Should -BeLessOrEqual 300KB
        & ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 $gif.Output | Should -Be 'h264'
    }

    It 'refuses audio and pictures by their type before a session, an upload or an instruction' {
        $fresh = Join-Path $work 'priced'
        New-Item -ItemType Directory -Path $fresh -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $in 'song.mp3'), (Join-Path $in 'slide.png') -Destination $fresh
        $priced = Join-Path $work 'priced-out'

        $verbose = Get-ChildItem -LiteralPath $fresh | Compress-NemoVideo -MaxSize 300KB -OutputDirectory $priced `
            -ErrorVariable refused -ErrorAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }

        @($refused).Count | Should -Be 2
        Test-Path -LiteralPath $priced | Should -BeFalse -Because 'no file started, so no journal (or output folder) was made'
        $verbose.Message | Should -Not -Match 'session|upload' -Because 'no session was opened and nothing was uploaded'
    }
}

Describe 'MPEG transport streams' {
    It 'compresses a .ts recording on the local server' {
        $clip = New-Clip -LiteralPath (Join-Path $work 'capture.mp4') -Seconds 3
        $ts = Join-Path $work 'capture-tv.ts'
        Invoke-Ffmpeg @('-i', $clip.FullName, '-c', 'copy', $ts)

        $result = Compress-NemoVideo -LiteralPath $ts -MaxSize 300KB -OutputDirectory (Join-Path $work 'ts-out') -ErrorAction Stop

        $result.Status | Should -Be 'Compressed'
        $result.OutputSize | Should -BeLessOrEqual 300KB
        [double](& ffprobe -v error -show_entries format=duration -of csv=p=0 $result.Output) | Should -BeGreaterThan 2.5
    }
}

Describe 'Recordings cut off mid-write' {
    It 'compresses what is readable of a <Kind> and says how much' -ForEach @(
        @{ Kind = 'Matroska recording cut mid-cluster'; Name = 'stream.mkv'; Codec = @('-c:v', 'libvpx', '-b:v', '1M', '-c:a', 'libopus') }
        @{ Kind = 'WebM recording cut mid-cluster'; Name = 'call.webm'; Codec = @('-c:v', 'libvpx', '-b:v', '1M', '-c:a', 'libopus') }
        @{ Kind = 'MP4 with its index first, cut mid-data'; Name = 'phone.mp4'; Codec = @('-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '2M', '-c:a', 'aac', '-movflags', '+faststart') }
    ) {
        $whole = New-Clip -LiteralPath (Join-Path $work "whole-$Name") -Seconds 6 -Codec $Codec
        $cut = Save-FirstHalf -From $whole.FullName -To (Join-Path $work "cut-$Name")

        $result = Compress-NemoVideo -LiteralPath $cut.FullName -MaxSize 300KB -OutputDirectory (Join-Path $work 'cut-out') `
            -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop

        $result.Status | Should -Be 'Compressed'
        $result.Notes | Should -HaveCount 1
        $result.Notes[0] | Should -Match "Only \d\.\d s of the recording's 6\.0 s could be read"
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "cut-$Name*Only*could be read*"
        $seconds = [double](& ffprobe -v error -show_entries format=duration -of csv=p=0 $result.Output)
        $seconds | Should -BeGreaterThan 1.5
        $seconds | Should -BeLessThan 4.5
    }

    It 'says nothing about a whole recording' {
        $whole = New-Clip -LiteralPath (Join-Path $work 'whole-ok.mkv') -Seconds 4 -Codec @('-c:v', 'libvpx', '-b:v', '1M', '-c:a', 'libopus')
        $result = Compress-NemoVideo -LiteralPath $whole.FullName -MaxSize 300KB -OutputDirectory (Join-Path $work 'whole-out') `
            -WarningVariable warned -ErrorAction Stop
        $result.Notes | Should -BeNullOrEmpty
        $warned | Should -BeNullOrEmpty
    }
}

Describe 'Several pictures in one file' {
    BeforeAll {
        $base = New-Clip -LiteralPath (Join-Path $work 'base.mp4') -Seconds 3
        $cover = Join-Path $work 'cover.png'
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', $cover)
    }

    It 'encodes the main of two video streams, warns which one was left out and lists it in Notes' {
        $preview = Join-Path $work 'preview.mp4'
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=30:duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', $preview)
        $two = Join-Path $work 'two-cameras.mkv'
        Invoke-Ffmpeg @('-i', $preview, '-i', $base.FullName, '-map', '0:v', '-map', '1:a', '-map', '1:v', '-c', 'copy', '-disposition:v:0', '0', '-disposition:v:1', 'default', $two)

        $result = Compress-NemoVideo -LiteralPath $two -MaxSize 300KB -OutputDirectory (Join-Path $work 'two-out') `
            -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop

        $result.Status | Should -Be 'Compressed'
        $result.Notes | Should -HaveCount 1
        $result.Notes[0] | Should -BeLike '*2 video streams; encoded stream #2 (640x360*left out #0 (160x90*'
        "$($warned[0])" | Should -BeLike 'two-cameras.mkv: *2 video streams*'
        & ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0 $result.Output | Should -Be '640,360'
        ($result | Format-Table | Out-String -Width 400) | Should -BeLike '*2 video streams*'
    }

    It 'encodes the video behind a cover picture listed first and says the cover is not carried over, without a warning' {
        $coverLast = Join-Path $work 'cover-last.mp4'
        Invoke-Ffmpeg @('-i', $cover, '-i', $base.FullName, '-map', '0', '-map', '1', '-c', 'copy', '-c:v:0', 'png', '-disposition:v:0', 'attached_pic', $coverLast)
        $coverFirst = Move-UserDataFirst -From $coverLast -To (Join-Path $work 'album-art.mp4')
        & ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 $coverFirst.FullName | Should -Be 'png'

        $result = Compress-NemoVideo -LiteralPath $coverFirst.FullName -MaxSize 300KB -OutputDirectory (Join-Path $work 'cover-out') `
            -WarningVariable warned -Verbose 4>&1 -ErrorAction Stop
        $verbose = @($result | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $result = $result | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }

        $result.Status | Should -Be 'Compressed'
        $result.Notes | Should -HaveCount 1
        $result.Notes[0] | Should -BeLike '*#0 (cover picture, png, 320x240) is not carried into the compressed video*'
        $warned | Should -BeNullOrEmpty
        $verbose.Message | Should -Contain "album-art.mp4: $($result.Notes[0])"
        & ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0 $result.Output | Should -Be '640,360'
    }
}
