<#
Rows f1 and f2 of the benchmark table (run by the harness, not by hand): streams every task of a large account through
Get-RbTask | Measure-Object (-Pipeline Count) or Measure-RbTaskCost -By Project, Software (-Pipeline Cost) while the
harness, which hosts the emulator in its own process, samples this process's memory.
Connects with RAYVISION_API_ACCESS_ID / RAYVISION_API_KEY from the environment and warms up; then, for each pass the
harness asks for, says RB-BASELINE <process id>, waits for 'go' on standard input, streams, and prints RB-RESULT <json>.
#>
param(
    [Parameter(Mandatory = $true)] [string] $Module,
    [Parameter(Mandatory = $true)] [string] $Domain,
    [ValidateSet('Count', 'Cost')] [string] $Pipeline = 'Count'
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
    if ($Pipeline -eq 'Cost') {
        # the tasks it added up: the groups' counts
        $count = [long](Measure-RbTaskCost -By Project, Software | Measure-Object -Property Count -Sum).Sum
    }
    else {
        $count = (Get-RbTask | Measure-Object).Count
    }
    $watch.Stop()
    $result = [ordered]@{ count = $count; ms = $watch.Elapsed.TotalMilliseconds; ps = $PSVersionTable.PSVersion.ToString() }
    [Console]::Out.WriteLine('RB-RESULT ' + (ConvertTo-Json -InputObject $result -Compress))
}
Disconnect-Renderbus -Confirm:$false
