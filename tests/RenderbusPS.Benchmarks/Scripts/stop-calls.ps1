<#
Row h of the benchmark table (run by the harness): counts, from the emulator's request log, the stopTask calls that
Get-RbTask | Stop-RbTask makes for every task of an account, then stops what is rendering on a farm whose tasks change
underneath and checks that every task the pipeline read as rendering was stopped once and none was left rendering.
Prints RB-RESULT <json>.
#>
param(
    [Parameter(Mandatory = $true)] [string] $Module,
    [int] $TaskCount = 10000,
    # simulated seconds per real second for the running farm: frames start and end while the pipeline reads
    [double] $FarmSpeed = 60
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $Module

function Get-StopCall($Log) { @($Log | Where-Object Operation -EQ 'stopTask') }

# 1. every task: most are finished and refuse (one error each), the rest stop
$emulator = Start-RbEmulator -TaskCount $TaskCount
Connect-Renderbus -Emulator $emulator
$emulator.ClearRequests()
$before = $emulator.RequestCount
$refused = $null
Get-RbTask | Stop-RbTask -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
$log = $emulator.Requests
$stops = Get-StopCall $log
$all = [ordered]@{
    stopCalls = $stops.Count
    stopIds   = [long](($stops | Measure-Object -Property IdCount -Sum).Sum)
    refused   = @($refused).Count
    requests  = $emulator.RequestCount - $before
    logFull   = $log.Count -ge 10000
}
Disconnect-Renderbus -Confirm:$false
Stop-RbEmulator -Confirm:$false

# 2. what is rendering, on a running farm
$emulator = Start-RbEmulator -TaskCount $TaskCount -Seed 2 -Speed $FarmSpeed
Connect-Renderbus -Emulator $emulator
$renderingBefore = @(Get-RbTask -Status Rendering | ForEach-Object Id)
$emulator.ClearRequests()
$listed = [System.Collections.Generic.List[long]]::new()
$refused = $null
$stopped = @(Get-RbTask -Status Rendering |
        ForEach-Object { $listed.Add($_.Id); $_ } |
        Stop-RbTask -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable refused |
        ForEach-Object Id)
$stops = Get-StopCall $emulator.Requests
$renderingAfter = @(Get-RbTask -Status Rendering | ForEach-Object Id)
$still = [System.Collections.Generic.HashSet[long]]::new()
foreach ($id in $renderingAfter) { $null = $still.Add($id) }
$running = [ordered]@{
    before          = $renderingBefore.Count
    listed          = $listed.Count
    listedDistinct  = @($listed | Sort-Object -Unique).Count
    stopped         = $stopped.Count
    stoppedDistinct = @($stopped | Sort-Object -Unique).Count
    refused         = @($refused).Count
    missed          = @($renderingBefore | Where-Object { $still.Contains($_) }).Count
    stopCalls       = $stops.Count
}
Disconnect-Renderbus -Confirm:$false
Stop-RbEmulator -Confirm:$false

$result = [ordered]@{ all = $all; running = $running }
[Console]::Out.WriteLine('RB-RESULT ' + (ConvertTo-Json -InputObject $result -Compress -Depth 4))
