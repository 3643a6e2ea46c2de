# Ops check: no task failed in the last N hours (Failed, or SubmitFailed when the analysis found nothing to render).
# Thresholds: -Hours or RENDERBUS_FAILED_HOURS (24); -Now or RENDERBUS_NOW (this machine's clock). See README.md.
param(
    [int] $Hours = $(if ($env:RENDERBUS_FAILED_HOURS) { $env:RENDERBUS_FAILED_HOURS } else { 24 }),
    $Now,
    [string] $Domain,
    [int] $Platform
)

BeforeAll {
    . (Join-Path $PSScriptRoot 'OpsCheckSession.ps1')
    $script:opened = Open-OpsCheckSession -Domain $Domain -Platform $Platform
    $script:since = (Get-OpsCheckTime $Now).AddHours(-$Hours)
}

AfterAll {
    Close-OpsCheckSession $opened
}

Describe 'Failed tasks' {
    It "no task failed in the last $Hours hours" {
        # a task ends when it fails; one the farm gave no end time to counts from its submission
        $failed = @(Get-RbTask -Status Failed, SubmitFailed | Where-Object {
                $at = if ($_.CompletedAt) { $_.CompletedAt } else { $_.SubmittedAt }
                $at -and $at -ge $since
            } | ForEach-Object { '{0} ({1}, {2})' -f $_.Alias, $_.Status, $_.SceneName })
        $failed | Should -BeNullOrEmpty -Because "no task should have failed since $($since.ToString('u'))"
    }
}
