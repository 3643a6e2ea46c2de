# Ops check: Test-RbConnection passes every check (host, clock, credential, zone, platform, balance above 0).
# No threshold of its own; the balance threshold is Balance.Tests.ps1's. See README.md.
param(
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

Describe 'Connection' {
    It 'Test-RbConnection passes every check' {
        $failed = @(Test-RbConnection | Where-Object { -not $_.Passed } |
                ForEach-Object { '{0}: {1}. {2}' -f $_.Name, $_.Measured, $_.Advice })
        $failed | Should -BeNullOrEmpty -Because 'the connection to Renderbus should work as it is'
    }
}
