# Module manifest for NemoVideo. ModuleVersion must equal VersionPrefix in Directory.Build.props (a test checks it).
# Description, Author, CompanyName, Copyright, PrivateData.PSData (Tags, ProjectUri, LicenseUri, ReleaseNotes) are what
# the PowerShell Gallery shows; tests/pester/Install.Tests.ps1 reads them back from a published package.
@{
    RootModule           = 'NemoVideo.Module.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '1dacc39e-4bdc-4165-9309-f352aef75a01'
    Author               = 'NemoPS developers'
    CompanyName          = 'NemoPS developers'
    Copyright            = 'Copyright (c) 2026 NemoPS developers. MIT License.'
    Description          = 'NemoVideo AI video editing from PowerShell: upload, edit in plain language, export, and compress whole folders in one line - against the hosted service or a local ffmpeg-based server.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')

    # Nothing here on purpose: the client and its dependencies load from dependencies/ through the module's own
    # resolver (a private AssemblyLoadContext on PowerShell 7). RequiredAssemblies would load them into the shared
    # context, where they clash with other modules' versions.
    RequiredAssemblies   = @()
    NestedModules        = @()

    FormatsToProcess     = @('NemoVideo.Format.ps1xml')

    CmdletsToExport      = @(
        'Compress-NemoVideo'
        'Connect-Nemo'
        'Disconnect-Nemo'
        'Export-NemoVideo'
        'Get-NemoContext'
        'Get-NemoCredit'
        'Get-NemoRender'
        'Get-NemoState'
        'Invoke-NemoInstruction'
        'Send-NemoVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('NemoVideo', 'Video', 'AI', 'ffmpeg', 'Compression', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Connect/Disconnect/Get-NemoContext, Send-NemoVideo, Invoke-NemoInstruction, Get-NemoState, Export-NemoVideo, Get-NemoRender, Get-NemoCredit, Compress-NemoVideo.'
            ProjectUri   = 'https://github.com/nemops/NemoPS'
            LicenseUri   = 'https://github.com/nemops/NemoPS/blob/main/LICENSE'
        }
    }
}
