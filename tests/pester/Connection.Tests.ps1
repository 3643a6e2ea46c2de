#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Test-RbConnection as a user runs it against the local emulator: on a session and before connecting, each farm state
# failing the check it should, a failed check never an error, -Quiet one boolean, and the key in no output.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 12 -TaskCount 20 -Speed 0 -Confirm:$false
    $script:key = [pscredential]::new('key', $emulator.AccessKey).GetNetworkCredential().Password
    $script:credential = [pscredential]::new($emulator.AccessId, $emulator.AccessKey)
    Connect-Renderbus -Emulator $emulator

    function Get-Failed {
        param([object[]] $Checks)
        @($Checks | Where-Object { -not $_.Passed } | ForEach-Object Name)
    }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RbConnection on the session' {
    AfterEach {
        $emulator.Balance = 5000
        $emulator.ClockSkew = [timespan]::Zero
        $emulator.CredentialRevoked = $false
        $emulator.SetPlatformStatus(2, 1)
    }

    It 'writes one passing result per check, in order, with what it measured' {
        $checks = Test-RbConnection
        $checks | Should -BeOfType ([RenderbusPS.Core.Models.RbConnectionCheck])
        $checks.Name | Should -Be @('Host', 'Clock', 'Credential', 'Zone', 'Platform', 'Balance')
        Get-Failed $checks | Should -BeNullOrEmpty
        ($checks | Where-Object Name -eq Credential).Measured | Should -Match "accepted for rb_emulator_12"
        ($checks | Where-Object Name -eq Balance).Value | Should -Be 5000
        Test-RbConnection -Quiet | Should -BeExactly $true
    }

    It 'fails the balance under -MinimumBalance, and -Quiet says false' {
        $emulator.Balance = 50
        $balance = Test-RbConnection -MinimumBalance 100 | Where-Object Name -eq Balance
        $balance.Passed | Should -BeFalse
        $balance.Measured | Should -Be '50.00 CNY (at least 100.00 wanted)'
        Test-RbConnection -MinimumBalance 100 -Quiet | Should -BeExactly $false
        Test-RbConnection -Quiet | Should -BeExactly $true
    }

    It 'fails the clock when the service runs ten minutes ahead, and shows the skew' {
        $emulator.ClockSkew = New-TimeSpan -Minutes 10
        $checks = Test-RbConnection
        Get-Failed $checks | Should -Be @('Clock')
        $clock = $checks | Where-Object Name -eq Clock
        $clock.Value.TotalMinutes | Should -BeGreaterThan 9.9
        $clock.Measured | Should -Match '10 min behind the service'
    }

    It 'fails the platform that is down, without an error' {
        $emulator.SetPlatformStatus(2, 0)
        $checks = Test-RbConnection -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        Get-Failed $checks | Should -Be @('Platform')
        ($checks | Where-Object Name -eq Platform).Advice | Should -Match 'Get-RbPlatform'
    }

    It 'fails the credential of a key that was reset, and leaves what needs it unchecked' {
        $emulator.CredentialRevoked = $true
        $checks = Test-RbConnection -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        Get-Failed $checks | Should -Be @('Credential', 'Zone', 'Platform', 'Balance')
        ($checks | Where-Object Name -eq Credential).Measured | Should -Match '611'
    }

    It 'reads well at 120 columns' {
        $emulator.SetPlatformStatus(2, 0)
        $lines = (Test-RbConnection | Format-Table | Out-String -Width 120) -split "`r?`n"
        $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^Check\s+Passed\s+Measured\s+Advice' }) | Should -Not -BeNullOrEmpty
        # the advice wraps in its column instead of being cut
        ($lines -join ' ') -replace '\s+', ' ' | Should -Match 'ask Renderbus support when it is back'
    }

    It 'refuses a disconnected session as bad input' {
        $session = Connect-Renderbus -Emulator $emulator -PassThru
        Disconnect-Renderbus -Session $session -Confirm:$false
        { Test-RbConnection -Session $session -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.SessionClosed*'
        Connect-Renderbus -Emulator $emulator
    }
}

Describe 'Test-RbConnection before connecting' {
    AfterEach {
        Remove-Item Env:RAYVISION_API_ACCESS_ID, Env:RAYVISION_API_KEY -ErrorAction SilentlyContinue
    }

    It 'tests -Credential against -Domain and -Platform' {
        $checks = Test-RbConnection -Credential $credential -Domain $emulator.Domain -Platform 6
        Get-Failed $checks | Should -BeNullOrEmpty
        ($checks | Where-Object Name -eq Platform).Measured | Should -Be 'platform 6 (query_platform_w6): busy'
    }

    It 'tests the credential of the environment variables' {
        $env:RAYVISION_API_ACCESS_ID = $emulator.AccessId
        $env:RAYVISION_API_KEY = $key
        Test-RbConnection -Domain $emulator.Domain -Quiet | Should -BeExactly $true
    }

    It 'still measures the host and the clock without any credential, and says what is missing' {
        $checks = Test-RbConnection -Domain $emulator.Domain
        Get-Failed $checks | Should -Be @('Credential', 'Zone', 'Platform', 'Balance')
        ($checks | Where-Object Name -eq Credential).Measured | Should -Match 'RAYVISION_API_ACCESS_ID'
    }

    It 'takes a piped emulator, and a wrong key is a failed check that shows no key' {
        $emulator | Test-RbConnection -Quiet | Should -BeExactly $true
        $wrong = [pscredential]::new($emulator.AccessId, (ConvertTo-SecureString "x$key" -AsPlainText -Force))
        $output = Test-RbConnection -Credential $wrong -Domain $emulator.Domain -Verbose 4>&1 | Out-String -Width 250
        $output | Should -Match 'Credential\s+False'
        $output | Should -Not -Match ([regex]::Escape($key))
    }

    It 'tells a host that does not answer from one that does, without an error' {
        $gone = Start-RbEmulator -Seed 13 -TaskCount 0 -Confirm:$false
        $domain = $gone.Domain
        Stop-RbEmulator $gone -Confirm:$false
        $checks = Test-RbConnection -Credential $credential -Domain $domain -TimeoutSec 5 -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        Get-Failed $checks | Should -Be @('Host', 'Clock', 'Credential', 'Zone', 'Platform', 'Balance')
        ($checks | Where-Object Name -eq Host).Measured | Should -Match 'Could not reach'
    }

    It 'refuses bad input before anything is sent' {
        $before = $emulator.RequestCount
        { Test-RbConnection -Credential $credential -Domain 'ftp://example.invalid' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.InvalidDomain*'
        $stopped = Start-RbEmulator -Seed 14 -TaskCount 0 -Confirm:$false
        Stop-RbEmulator $stopped -Confirm:$false
        { $stopped | Test-RbConnection -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.EmulatorStopped*'
        $emulator.RequestCount | Should -Be $before
    }
}
