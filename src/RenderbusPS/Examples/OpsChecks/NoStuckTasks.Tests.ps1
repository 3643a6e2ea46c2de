# Ops check: no task has been Analysing or Submitting for longer than N minutes since it was submitted (a task created
# whose submission never came stays Submitting).
# Thresholds: -Minutes or RENDERBUS_STUCK_MINUTES (60); -Now or RENDERBUS_NOW (this machine's clock). See README.md.
param(
    [int] $Minutes = $(if ($env:RENDERBUS_STUCK_MINUTES) { $env:RENDERBUS_STUCK_MINUTES } else { 60 }),
    $Now,
    [string] $Domain,
    [int] $Platform
)

BeforeAll {
    . (Join-Path $PSScriptRoot 'OpsCheckSession.ps1')
    $script:opened = Open-OpsCheckSession -Domain $Domain -Platform $Platform
    $script:limit = (Get-OpsCheckTime $Now).AddMinutes(-$Minutes)
}

AfterAll {
    Close-OpsCheckSession $opened
}

Describe 'Stuck tasks' {
    It "no task is in Analysing or Submitting for more than $Minutes minutes" {
        $stuck = @(Get-RbTask -Status Analysing, Submitting | Where-Object { $_.SubmittedAt -and $_.SubmittedAt -lt $limit } |
                ForEach-Object { '{0} ({1} since {2})' -f $_.Alias, $_.Status, $_.SubmittedAt.ToString('u') })
        $stuck | Should -BeNullOrEmpty -Because "no task should wait that long before it renders"
    }
}
