#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Wait-RbTask -CostLimit as a wrangler uses it: while waiting, a task that has cost more than the limit is stopped,
# once, and reported; -WhatIf only reports. The emulator's farm bills frames as its clock runs.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force

    # how many times the account's operation log says each task was stopped
    function Get-StopCount {
        $log = Get-RbOperationLog -Before $emulator.Now.LocalDateTime.AddHours(1) | Where-Object Action -EQ 'btn_stop'
        $counts = @{}
        foreach ($alias in $log.TaskAliases) { $counts[$alias] = 1 + [int]$counts[$alias] }
        $counts
    }
}

AfterAll {
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Wait-RbTask -CostLimit' {
    BeforeEach {
        # the farm's clock stands still until a test moves it
        $script:emulator = Start-RbEmulator -Seed 8 -TaskCount 600 -Speed 0 -Confirm:$false
        Connect-Renderbus -Emulator $script:emulator
        $ids = @(Get-RbTask -Status Rendering).Id
        $emulator.Advance((New-TimeSpan -Minutes 4))
        # the rendering tasks four minutes on: frames have ended and been billed
        $script:going = @(Get-RbTask -Id $ids | Where-Object Status -EQ 'Rendering')
        $script:limit = @($going.Cost | Sort-Object)[[int]($going.Count / 2)]
        $script:over = @($going | Where-Object Cost -GT $limit)
    }

    AfterEach {
        Disconnect-Renderbus -Confirm:$false
        $script:emulator | Stop-RbEmulator -Confirm:$false
    }

    It 'stops each task over the limit once, with a warning naming it, and waits on for the others' {
        $going.Count | Should -BeGreaterThan 10
        $over.Count | Should -BeGreaterThan 0
        $emulator.ClearRequests()
        $going | Wait-RbTask -CostLimit $limit -Timeout 2 -PollInterval 0.5 -WarningVariable warned `
            -WarningAction SilentlyContinue -ErrorVariable late -ErrorAction SilentlyContinue

        $warned.Count | Should -Be $over.Count
        foreach ($task in $over) {
            @($warned | Where-Object { "$_" -match [regex]::Escape($task.Alias) }).Count | Should -Be 1
        }
        $shown = $limit.ToString('0.00##', [cultureinfo]::InvariantCulture)
        "$($warned[0])" | Should -Match ('over the limit of ' + [regex]::Escape($shown))
        # the others were waited for until the time-out; the stopped ones ended
        ($late.TargetObject | Sort-Object) | Should -Be (@($going | Where-Object Cost -LE $limit).Id | Sort-Object)
        $after = @(Get-RbTask -Id $going.Id)
        ($after | Where-Object Status -EQ 'Stopped').Id | Sort-Object | Should -Be ($over.Id | Sort-Object)
        $stops = Get-StopCount
        $stops.Keys | Sort-Object | Should -Be ($over.Alias | Sort-Object)
        $stops.Values | ForEach-Object { $_ | Should -Be 1 }
    }

    It 'only reports with -WhatIf: nothing is stopped and nothing is sent but polls' {
        $emulator.ClearRequests()
        $going | Wait-RbTask -CostLimit $limit -Timeout 1.2 -PollInterval 0.5 -WhatIf -WarningVariable warned `
            -ErrorAction SilentlyContinue
        $warned.Count | Should -Be 0
        @($emulator.Requests | Where-Object Operation -NE 'queryTaskInfo').Count | Should -Be 0
        @(Get-RbTask -Id $going.Id | Where-Object Status -EQ 'Rendering').Count | Should -Be $going.Count
    }

    It 'asks before each stop with -Confirm (a host that cannot ask stops the wait and nothing is stopped)' {
        $ps = [PowerShell]::Create()
        $module = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', $module).AddStatement()
        $null = $ps.AddScript('param($e, $ids, $limit) Connect-Renderbus -Emulator $e
            Wait-RbTask -Id $ids -CostLimit $limit -PollInterval 0.5 -Timeout 5 -Confirm')
        $null = $ps.AddArgument($emulator).AddArgument($going.Id).AddArgument($limit)
        $emulator.ClearRequests()
        $null = $ps.Invoke()
        $asked = @($ps.Streams.Error)
        $ps.Dispose()
        $asked.Count | Should -Be 1
        $asked[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented*'
        "$($asked[0])" | Should -Match ('Stop \(Wait-RbTask -CostLimit\)" on target "task ' + $over[0].Alias)
        @($emulator.Requests | Where-Object Operation -EQ 'stopTask').Count | Should -Be 0
        @(Get-RbTask -Id $over.Id | Where-Object Status -EQ 'Rendering').Count | Should -Be $over.Count
    }

    It 'stops the tasks that pass the limit while the farm renders, each once, and lets the rest finish' {
        # tasks with a few rounds of frames left, and a limit a frame or two above the dearest of them
        $long = @($going | Where-Object { $_.TotalFrames - $_.DoneFrames -ge 15 })
        $long.Count | Should -BeGreaterThan 3
        $cap = ($long | Measure-Object Cost -Maximum).Maximum + 0.05
        $emulator.Speed = 60
        $ended = @($long | Wait-RbTask -CostLimit $cap -PollInterval 0.5 -Timeout 90 -PassThru -WarningVariable warned `
                -WarningAction SilentlyContinue -ErrorAction Stop)
        $emulator.Speed = 0

        $ended.Count | Should -Be $long.Count
        $warned.Count | Should -BeGreaterThan 0
        $stopped = @($ended | Where-Object Status -EQ 'Stopped')
        $stopped.Count | Should -Be $warned.Count
        $stopped | ForEach-Object { $_.Cost | Should -BeGreaterThan $cap }
        $stops = Get-StopCount
        $stops.Keys | Sort-Object | Should -Be ($stopped.Alias | Sort-Object)
        $stops.Values | ForEach-Object { $_ | Should -Be 1 }
    }

    It 'refuses a negative limit before asking the farm anything' {
        $before = $emulator.RequestCount
        { Wait-RbTask -Id $going[0].Id -CostLimit -1 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidCostLimit*'
        $emulator.RequestCount | Should -Be $before
    }
}
