#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# A nightly script's weather, as users can play it with Start-RbEmulator: per request 10% HTTP 503, 5% dropped
# connections, 2% code 610, 1% HTML pages and 1% lost answers (the change made, the answer dropped), at 10,000 tasks.
# The faults are drawn from a seed, so a failing run replays. Nothing here is timed.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force

    function Set-BadNetwork {
        param($Emulator, [int] $Seed)
        $rates = $Emulator.Faults.Rates
        $rates.Seed = $Seed
        $rates.Unavailable = 0.10
        $rates.Dropped = 0.05
        $rates.SignatureExpired = 0.02
        $rates.Html = 0.01
        $rates.LoseAnswer = 0.01
    }
}

AfterAll {
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'On a bad network, fault seed <_>' -ForEach 11, 12 {
    BeforeAll {
        $script:emulator = Start-RbEmulator -Seed $_ -TaskCount 10000 -Speed 0 -Confirm:$false
        Connect-Renderbus -Emulator $emulator
        $script:before = @{}
        Get-RbTask | ForEach-Object { $before[$_.Id] = $_.Status }
        Set-BadNetwork $emulator $_
    }

    AfterAll {
        Disconnect-Renderbus -Confirm:$false
        Stop-RbEmulator -Confirm:$false
    }

    It 'Get-RbTask lists the fault-free set, each task once' {
        $emulator.ClearRequests()
        $listed = @(Get-RbTask -ErrorAction Stop)
        $listed.Count | Should -Be $before.Count
        @($listed.Id | Sort-Object -Unique).Count | Should -Be $before.Count
        @($listed | Where-Object { -not $before.ContainsKey($_.Id) }) | Should -BeNullOrEmpty
        @($emulator.Requests | Where-Object { $_.Operation -eq 'getTaskList' -and $_.Code -ne 200 }).Count |
            Should -BeGreaterThan 5 -Because 'the bad network must have hit the listing'
    }

    It 'Get-RbTask -Status Rendering | Stop-RbTask leaves none rendering and changes no other task' {
        $errors = $null
        Get-RbTask -Status Rendering | Stop-RbTask -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -BeNullOrEmpty
        $emulator.Faults.Rates.Clear()
        $after = @{}
        Get-RbTask | ForEach-Object { $after[$_.Id] = $_.Status }
        Set-BadNetwork $emulator ($_ + 100)
        @($after.Values | Where-Object { $_ -eq 'Rendering' }) | Should -BeNullOrEmpty
        foreach ($id in $before.Keys) {
            $expected = if ($before[$id] -eq 'Rendering') { 'Stopped' } else { $before[$id] }
            $after[$id] | Should -Be $expected -Because "task $id was $($before[$id])"
        }
    }

    It '10 x New-RbTask -Count 5 creates no task it neither returns nor reports as Rb.OutcomeUnknown' {
        $emulator.Faults.Rates.LoseAnswer = 0.08
        $count = $emulator.TaskCount
        $returned = @()
        $unknown = @()
        foreach ($i in 1..10) {
            $errors = $null
            $returned += @(New-RbTask -Count 5 -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue)
            $unknown += @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'Rb.OutcomeUnknown*' })
            @($errors | Where-Object { $_.FullyQualifiedErrorId -notlike 'Rb.OutcomeUnknown*' }) | Should -BeNullOrEmpty
        }
        $emulator.Faults.Rates.LoseAnswer = 0.01
        $created = $emulator.TaskCount - $count
        $created | Should -BeGreaterOrEqual $returned.Count
        $created | Should -BeLessOrEqual ($returned.Count + 5 * $unknown.Count)
        ($returned.Count / 5 + $unknown.Count) | Should -Be 10
        $unknown | ForEach-Object { $_.ErrorDetails.RecommendedAction | Should -Match 'Get-RbTask' }
    }

    It 'Wait-RbTask on 200 tasks ends with each task as it ended' {
        $tasks = @(Get-RbTask -Status Waiting, Stopped -First 200)
        $tasks.Count | Should -Be 200
        $tasks | Where-Object Status -eq Stopped | Start-RbTask -Confirm:$false -ErrorAction Stop
        $emulator.Speed = 20000
        $ended = @($tasks | Wait-RbTask -PollInterval 0.5 -Timeout (New-TimeSpan -Minutes 5) -PassThru -ErrorAction Stop)
        $emulator.Speed = 0
        $ended.Count | Should -Be 200
        $emulator.Faults.Rates.Clear()
        $truth = @{}
        Get-RbTask -Id $ended.Id | ForEach-Object { $truth[$_.Id] = $_.Status }
        foreach ($t in $ended) { $t.Status | Should -Be $truth[$t.Id] }
        @($ended | Where-Object { $_.Status -in 'Waiting', 'Rendering', 'Preprocessing' }) | Should -BeNullOrEmpty
    }
}

Describe 'A service that is down' {
    It 'ends a listing with one clear error once its retries are spent' {
        $emulator = Start-RbEmulator -Seed 13 -TaskCount 500 -Speed 0 -Confirm:$false
        try {
            $session = Connect-Renderbus -Emulator $emulator -PassThru
            $emulator.Faults.Rates.Unavailable = 1
            $emulator.ClearRequests()
            $errors = $null
            $listed = @(Get-RbTask -Session $session -ErrorVariable errors -ErrorAction SilentlyContinue)
            $listed | Should -BeNullOrEmpty
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TransportError*'
            $errors[0].Exception.Message | Should -Match '503'
            @($emulator.Requests).Count | Should -Be ($session.MaxRetries + 1)
        }
        finally {
            Stop-RbEmulator -Confirm:$false
        }
    }

    It 'Start-RbEmulator -FaultRate plays it from the start, and a wrong rate starts nothing' {
        $errors = $null
        $none = Start-RbEmulator -FaultRate @{ Sometimes = 0.5 } -ErrorVariable errors -ErrorAction SilentlyContinue -Confirm:$false
        $none | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidFaultRate*'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'LoseAnswer'
        $emulator = Start-RbEmulator -FaultRate @{ Unavailable = 0.5; LoseAnswer = 0.1 } -FaultSeed 4 -Confirm:$false
        try {
            $emulator.Faults.Rates.Unavailable | Should -Be 0.5
            $emulator.Faults.Rates.LoseAnswer | Should -Be 0.1
            $emulator.Faults.Rates.Seed | Should -Be 4
        }
        finally {
            Stop-RbEmulator -Confirm:$false
        }
    }
}
