# Ops check: the account's balance is at least a threshold, in the zone's currency (CNY in China, USD overseas).
# Threshold: -MinimumBalance or RENDERBUS_MIN_BALANCE (100). See README.md.
param(
    [decimal] $MinimumBalance = $(if ($env:RENDERBUS_MIN_BALANCE) {
            [decimal]::Parse($env:RENDERBUS_MIN_BALANCE, [Globalization.CultureInfo]::InvariantCulture)
        } else { 100 }),
    [string] $Domain,
    [int] $Platform
)

BeforeAll {
    . (Join-Path $PSScriptRoot 'OpsCheckSession.ps1')
    $script:opened = Open-OpsCheckSession -Domain $Domain -Platform $Platform
}

AfterAll {
    Close-OpsCheckSession $opened
}

Describe 'Balance' {
    It "the balance is at least $MinimumBalance" {
        (Get-RbUser).Balance | Should -BeGreaterOrEqual $MinimumBalance -Because 'tasks stop for arrears when the money runs out'
    }
}
