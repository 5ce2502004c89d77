# Dot-sourced by the Pester suites (Pester runs only *.Tests.ps1, so this file is never a suite of its own).

# Holds an error record to the shape every Nemo error promises: a stable ErrorId (the part of FullyQualifiedErrorId
# before the command name PowerShell appends), its ErrorCategory, the TargetObject it is about, what happened in the
# message and what to do in ErrorDetails.RecommendedAction. Only the parts given are checked; -MessageLike takes
# several wildcard patterns, each of which the message must match. ErrorRecord is untyped so that a record caught in
# another runspace (a PSObject around it) is held to the same shape.
function Assert-NemoErrorRecord {
    param(
        [Parameter(Mandatory, Position = 0)] [AllowNull()] [object] $ErrorRecord,
        [Parameter(Mandatory)] [string] $Id,
        [string] $Category,
        [AllowNull()] [object] $TargetObject,
        [string[]] $MessageLike,
        [string] $AdviceLike
    )
    $ErrorRecord | Should -Not -BeNullOrEmpty -Because "a $Id error was expected"
    $ErrorRecord.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    if ($Category) { $ErrorRecord.CategoryInfo.Category | Should -Be $Category }
    if ($PSBoundParameters.ContainsKey('TargetObject')) { $ErrorRecord.TargetObject | Should -Be $TargetObject }
    foreach ($pattern in $MessageLike) { $ErrorRecord.Exception.Message | Should -BeLike $pattern }
    if ($AdviceLike) { $ErrorRecord.ErrorDetails.RecommendedAction | Should -BeLike $AdviceLike }
}
