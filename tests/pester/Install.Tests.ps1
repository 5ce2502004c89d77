#Requires -Version 7.4
<#
    The package installs as a user would get it from a gallery: PSResourceGet (shipped with pwsh 7.4+) publishes the
    PACKAGED module (out/NemoVideo/<version>/, or NEMO_MODULE_MANIFEST) to a file repository in a temporary folder and
    installs it from there into the CurrentUser scope of a throwaway home folder; a second fresh pwsh imports it by name
    and runs the one-liner against the local server it ships. The user's own repositories and modules are not touched.
    Linux and macOS only: there the CurrentUser scope follows HOME, which the test points at its own folder.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/PackagedModule.ps1')
    $manifest = Get-PackagedModuleManifest
    $packageFolder = Split-Path -Parent $manifest
    $packageVersion = (Import-PowerShellDataFile $manifest).ModuleVersion

    $work = Join-Path ([IO.Path]::GetTempPath()) "nemo-install-$([guid]::NewGuid().ToString('N'))"
    $home_ = New-Item -ItemType Directory -Force -Path (Join-Path $work 'home')
    $feed = New-Item -ItemType Directory -Force -Path (Join-Path $work 'feed')
    $videos = New-Item -ItemType Directory -Force -Path (Join-Path $work 'videos')
    $small = Join-Path $work 'small'
    & ffmpeg -hide_banner -loglevel error -y -f lavfi -i 'testsrc2=size=1280x720:rate=30:duration=4' `
        -f lavfi -i 'sine=frequency=440:duration=4' -c:v libx264 -preset ultrafast -b:v 3M -c:a aac -shortest (Join-Path $videos 'clip.mp4')
    if ($LASTEXITCODE -ne 0) { throw 'ffmpeg could not make the sample clip.' }

    # A pwsh that shares nothing with this one but the binaries: its own HOME (so its CurrentUser scope, module path
    # and PSResourceGet repository list are empty) and no inherited PSModulePath.
    function Invoke-FreshPwsh {
        param([string] $Script, [string[]] $Arguments)
        $file = Join-Path $work "step-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $info = New-PwshStartInfo -Arguments (@('-NoProfile', '-NonInteractive', '-File', $file) + $Arguments)
        # Whatever a step writes relative to its folder (NuGet writes NuGet/NuGet.Config there) stays in the scratch folder.
        $info.WorkingDirectory = $work
        $info.Environment['HOME'] = $home_.FullName
        $info.Environment['NEMO_CLIENT_ID'] = [guid]::NewGuid().ToString()
        foreach ($inherited in 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = $info.Environment.Remove($inherited) }
        $child = [Diagnostics.Process]::Start($info)
        $errorText = $child.StandardError.ReadToEndAsync()
        $outputText = $child.StandardOutput.ReadToEnd()
        if (-not $child.WaitForExit(600000)) { $child.Kill($true); throw 'the fresh pwsh did not finish within 10 minutes' }
        [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $outputText; Error = $errorText.Result }
    }
}

AfterAll {
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Installing the package with PSResourceGet' -Skip:$IsWindows {
    BeforeAll {
        $install = Invoke-FreshPwsh -Arguments $feed.FullName, $packageFolder -Script {
            param($Feed, $Package)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name NemoLocalFeed -Uri $Feed -Trusted
            Publish-PSResource -Path $Package -Repository NemoLocalFeed
            Install-PSResource -Name NemoVideo -Repository NemoLocalFeed -Scope CurrentUser
            Get-InstalledPSResource -Name NemoVideo -Scope CurrentUser | ForEach-Object { "installed $($_.Version) $($_.InstalledLocation)" }
            # What a gallery lists for the package, read back from the repository.
            Find-PSResource -Name NemoVideo -Repository NemoLocalFeed | ForEach-Object {
                $listed = [ordered]@{
                    Author = $_.Author; CompanyName = $_.CompanyName; Copyright = $_.Copyright; Description = $_.Description
                    ProjectUri = "$($_.ProjectUri)"; LicenseUri = "$($_.LicenseUri)"; Tags = $_.Tags; ReleaseNotes = $_.ReleaseNotes
                }
                "listed $($listed | ConvertTo-Json -Compress)"
            }
        }.ToString()
    }

    It 'publishes the package to the file repository' {
        $install.ExitCode | Should -Be 0 -Because "$($install.Output)`n$($install.Error)"
        Get-ChildItem $feed -Filter "NemoVideo.$packageVersion.nupkg" | Should -Not -BeNullOrEmpty
    }

    It 'lists what the PowerShell Gallery shows: description, author, company, copyright, links, tags, release notes' {
        $data = Import-PowerShellDataFile $manifest
        $line = ($install.Output -split "`n" | Where-Object { $_ -like 'listed *' } | Select-Object -First 1)
        $line | Should -Not -BeNullOrEmpty -Because "$($install.Output)`n$($install.Error)"
        $listed = $line.Substring('listed '.Length) | ConvertFrom-Json
        foreach ($key in 'Author', 'CompanyName', 'Copyright', 'Description') {
            $data[$key] | Should -Not -BeNullOrEmpty -Because "the manifest sets $key"
            $listed.$key | Should -Be $data[$key]
        }
        foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
            $data.PrivateData.PSData[$key] | Should -Not -BeNullOrEmpty -Because "the manifest sets $key"
            $listed.$key.TrimEnd('/') | Should -Be $data.PrivateData.PSData[$key].TrimEnd('/')
        }
        $data.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.Tags | ForEach-Object { $listed.Tags | Should -Contain $_ }
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.PowerShellVersion | Should -Be '5.1'
    }

    It 'puts the module, its dependencies and its server into the clean CurrentUser scope' {
        $installed = Join-Path $home_ ".local/share/powershell/Modules/NemoVideo/$packageVersion"
        $install.Output | Should -Match ([regex]::Escape("installed $packageVersion"))
        Join-Path $installed 'NemoVideo.psd1' | Should -Exist
        Join-Path $installed 'dependencies/NemoVideo.Client.dll' | Should -Exist
        Join-Path $installed 'server/NemoVideo.LocalServer.dll' | Should -Exist
        Join-Path $installed 'en-US/NemoVideo.Module.dll-Help.xml' | Should -Exist
        Join-Path $installed 'LICENSE' | Should -Exist
    }

    It 'imports by name in a fresh pwsh and runs the one-liner on a sample clip' {
        $run = Invoke-FreshPwsh -Arguments $videos.FullName, $small -Script {
            param($Videos, $Small)
            $ErrorActionPreference = 'Stop'
            Import-Module NemoVideo
            "module $((Get-Module NemoVideo).ModuleBase)"
            Connect-Nemo -Local | Out-Null
            try {
                Get-ChildItem $Videos -Filter *.mp4 | Compress-NemoVideo -MaxSize 500KB -OutputDirectory $Small |
                    ForEach-Object { "result $($_.Status) $($_.OutputSize) $($_.Output)" }
            }
            finally {
                Disconnect-Nemo
            }
        }.ToString()

        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Error)"
        $run.Output | Should -Match ([regex]::Escape("module $(Join-Path $home_ ".local/share/powershell/Modules/NemoVideo/$packageVersion")"))
        $output = Join-Path $small 'clip.mp4'
        $run.Output | Should -Match "result Compressed \d+ $([regex]::Escape($output))"
        (Get-Item $output).Length | Should -BeLessOrEqual 500KB
        & ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 $output | Should -Be 'h264'
    }
}
