# Dot-sourced by the Pester suites that run the packaged local server as a process of their own (not through
# Connect-Nemo -Local), so that they can restart or kill it.

# Starts the packaged server (ServerDll) on Url with DataDirectory, any further arguments and environment variables
# (a connection string travels in one, never on the command line); returns Process and the
# Url it listens on (port 0 becomes the real port). Its standard error is drained so that it never blocks on a full pipe.
function Start-LocalServerProcess {
    param(
        [Parameter(Mandatory)] [string] $ServerDll,
        [Parameter(Mandatory)] [string] $DataDirectory,
        [string] $Url = 'http://127.0.0.1:0',
        [string[]] $ExtraArguments = @(),
        [hashtable] $Environment = @{}
    )
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($ServerDll, '--urls', $Url, '--data-dir', $DataDirectory) + $ExtraArguments) { $info.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $process.BeginErrorReadLine()
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (?<url>http\S+)') { throw "The local server did not start: $line" }
    [pscustomobject]@{ Process = $process; Url = $Matches.url }
}

# The server's counters (GET /local/stats).
function Get-ServerStats([string] $Url) { Invoke-RestMethod -Uri "$Url/local/stats" }

# Polls Condition until it is true; throws naming What after Seconds.
function Wait-Until([scriptblock] $Condition, [int] $Seconds, [string] $What) {
    $deadline = (Get-Date).AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ((Get-Date) -gt $deadline) { throw "Timed out after $Seconds s waiting for $What" }
        Start-Sleep -Milliseconds 100
    }
}
