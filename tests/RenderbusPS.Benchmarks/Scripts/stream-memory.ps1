<#
Row f of the benchmark table (run by the harness, not by hand): streams every task of a large account through
Get-RbTask | Measure-Object while the harness, which hosts the emulator in its own process, samples this process's memory.
Connects with RAYVISION_API_ACCESS_ID / RAYVISION_API_KEY from the environment and warms up; then, for each pass the
harness asks for, says RB-BASELINE <process id>, waits for 'go' on standard input, streams, and prints RB-RESULT <json>.
#>
param(
    [Parameter(Mandatory = $true)] [string] $Module,
    [Parameter(Mandatory = $true)] [string] $Domain
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module $Module
Connect-Renderbus -Domain $Domain
$null = Get-RbTask -First 1
# each pass: collect, say the baseline is ready, wait for 'go' (anything else ends), stream every task
while ($true) {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
    [Console]::Out.WriteLine("RB-BASELINE $PID")
    [Console]::Out.Flush()
    if ([Console]::In.ReadLine() -ne 'go') { break }

    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = (Get-RbTask | Measure-Object).Count
    $watch.Stop()
    $result = [ordered]@{ count = $count; ms = $watch.Elapsed.TotalMilliseconds; ps = $PSVersionTable.PSVersion.ToString() }
    [Console]::Out.WriteLine('RB-RESULT ' + (ConvertTo-Json -InputObject $result -Compress))
}
Disconnect-Renderbus -Confirm:$false
