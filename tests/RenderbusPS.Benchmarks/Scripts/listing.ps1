<#
Row g of the benchmark table (run by the harness in a fresh process each time): imports the module, starts an emulator
in this process as users do, connects, and times the first Get-RbTask | Measure-Object of the process and a few more.
Wall time and this process's CPU time (emulator and client together) per listing; prints RB-RESULT <json>.
#>
param(
    [Parameter(Mandatory = $true)] [string] $Module,
    [int] $TaskCount = 10000,
    [int] $Listings = 5
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Module
$emulator = Start-RbEmulator -TaskCount $TaskCount
Connect-Renderbus -Emulator $emulator
$readyMs = $clock.Elapsed.TotalMilliseconds

$self = [Diagnostics.Process]::GetCurrentProcess()
$runs = foreach ($i in 1..$Listings) {
    $emulator.ClearRequests()
    $self.Refresh()
    $cpu = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = (Get-RbTask | Measure-Object).Count
    $watch.Stop()
    $self.Refresh()
    [ordered]@{
        ms    = $watch.Elapsed.TotalMilliseconds
        cpuMs = ($self.TotalProcessorTime - $cpu).TotalMilliseconds
        items = $count
        pages = @($emulator.Requests | Where-Object Operation -EQ 'getTaskList').Count
    }
}

Disconnect-Renderbus -Confirm:$false
Stop-RbEmulator -Confirm:$false
$result = [ordered]@{ readyMs = $readyMs; runs = @($runs); ps = $PSVersionTable.PSVersion.ToString() }
[Console]::Out.WriteLine('RB-RESULT ' + (ConvertTo-Json -InputObject $result -Compress -Depth 4))
