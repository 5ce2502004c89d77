# Dot-sourced by cluster suites: a throwaway PostgreSQL cluster in a temporary folder, on loopback, on a free port,
# made with initdb and run with pg_ctl, trust authentication, user 'nemo'. PostgreSQL refuses to run as root, so under
# root it runs as the 'postgres' system user (runuser); otherwise as the current user.

# The newest PostgreSQL bin folder with initdb and pg_ctl (Debian: /usr/lib/postgresql/<major>/bin), or $null.
function Find-PostgresBin {
    $candidates = @(Get-ChildItem /usr/lib/postgresql/*/bin -Directory -ErrorAction SilentlyContinue |
            Sort-Object { [int]($_.Parent.Name -replace '\D', '') } -Descending | ForEach-Object FullName)
    $initdb = Get-Command initdb -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($initdb) { $candidates += Split-Path $initdb.Source }
    $candidates | Where-Object { (Test-Path (Join-Path $_ 'initdb')) -and (Test-Path (Join-Path $_ 'pg_ctl')) } | Select-Object -First 1
}

function Get-FreeTcpPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# Runs a PostgreSQL program as the user PostgreSQL runs as; throws with its output when it fails.
function Invoke-PostgresTool([pscustomobject] $Postgres, [string] $Tool, [string[]] $Arguments) {
    $program = Join-Path $Postgres.Bin $Tool
    # From / : the postgres user may not enter the caller's folder (a mktemp -d clone is 0700), and psql's warning about
    # it on stderr must never be read as a row of a query's answer; stderr only goes into the error message.
    Push-Location /
    try {
        $all = if ($Postgres.RunAs) { & runuser -u $Postgres.RunAs -- $program @Arguments 2>&1 } else { & $program @Arguments 2>&1 }
    }
    finally {
        Pop-Location
    }
    if ($LASTEXITCODE -ne 0) { throw "$Tool failed ($LASTEXITCODE): $($all -join "`n")" }
    @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
}

# Starts the cluster under Root (made if missing). Returns Bin, Data, Port, RunAs, ConnectionString; $null when no
# PostgreSQL is installed.
function Start-ThrowawayPostgres([string] $Root) {
    $bin = Find-PostgresBin
    if (-not $bin) { return $null }
    $runAs = $null
    if ((& id -u) -eq '0') {
        if (-not (Get-Command runuser -ErrorAction SilentlyContinue) -or -not (& id -u postgres 2>$null)) {
            throw 'Running as root: PostgreSQL must run as another user, and the postgres system user (or runuser) is missing.'
        }
        $runAs = 'postgres'
    }
    $folder = Join-Path $Root 'postgres'
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    if ($runAs) { & chown $runAs $folder }
    $postgres = [pscustomobject]@{
        Bin = $bin; Data = Join-Path $folder 'data'; Log = Join-Path $folder 'server.log'; Port = Get-FreeTcpPort; RunAs = $runAs
        ConnectionString = $null
    }
    Invoke-PostgresTool $postgres 'initdb' @('-D', $postgres.Data, '-U', 'nemo', '--auth=trust', '-E', 'UTF8', '--no-locale') | Out-Null
    Invoke-PostgresTool $postgres 'pg_ctl' @('-D', $postgres.Data, '-l', $postgres.Log, '-w', '-t', '60', 'start',
        '-o', "-p $($postgres.Port) -k $($postgres.Data) -c listen_addresses=127.0.0.1 -c max_connections=200") | Out-Null
    $postgres.ConnectionString = "Host=127.0.0.1;Port=$($postgres.Port);Username=nemo;Database=postgres"
    $postgres
}

function Stop-ThrowawayPostgres([pscustomobject] $Postgres) {
    if ($Postgres) { Invoke-PostgresTool $Postgres 'pg_ctl' @('-D', $Postgres.Data, '-m', 'fast', '-w', 'stop') | Out-Null }
}

# Rows of a query as arrays of column strings (psql unaligned, '|' between columns). Call it inside @(): a single row
# would otherwise come back as that row's columns.
function Invoke-PostgresQuery([pscustomobject] $Postgres, [string] $Sql) {
    @(Invoke-PostgresTool $Postgres 'psql' @('-h', '127.0.0.1', '-p', "$($Postgres.Port)", '-U', 'nemo', '-d', 'postgres', '-At', '-F', '|', '-c', $Sql) |
            Where-Object { $_ } | ForEach-Object { , ("$_" -split '\|') })
}
