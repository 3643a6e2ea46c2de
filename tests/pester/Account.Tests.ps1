#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The account and transfer cmdlets as a user drives them against the local emulator: settings, hardware, pack nodes,
# the operation and login logs, the transfer set-up, and the RaySync key that must never show.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 71 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RbUserSetting and Set-RbUserSetting' {
    It 'reads the default time-out' {
        $setting = Get-RbUserSetting
        $setting | Should -BeOfType ([RenderbusPS.Core.Models.RbUserSetting])
        $setting.TaskTimeout | Should -Be ([TimeSpan]::FromDays(1))
    }

    It 'sends nothing with -WhatIf' {
        $before = $emulator.RequestCount
        Set-RbUserSetting -TaskTimeout 600 -WhatIf
        $emulator.RequestCount | Should -Be $before
        (Get-RbUserSetting).TaskTimeout | Should -Be ([TimeSpan]::FromDays(1))
    }

    It 'takes a plain number as seconds and writes the setting with -PassThru' {
        $setting = Set-RbUserSetting -TaskTimeout 43200 -PassThru -Confirm:$false
        $setting.TaskTimeout | Should -Be ([TimeSpan]::FromHours(12))
        (Get-RbUserSetting).Extra['taskOverTime'] | Should -Be 12
    }

    It 'writes nothing without -PassThru' {
        Set-RbUserSetting -TaskTimeout '06:00:00' -Confirm:$false | Should -BeNullOrEmpty
        (Get-RbUserSetting).TaskTimeout | Should -Be ([TimeSpan]::FromHours(6))
    }

    It 'makes new tasks take the time-out' {
        $task = New-RbTask
        (Get-RbTask -Id $task.Id).TimeoutStop | Should -Be ([TimeSpan]::FromHours(6))
    }

    It 'refuses a bad time-out before sending' {
        $before = $emulator.RequestCount
        { Set-RbUserSetting -TaskTimeout 0 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidTaskTimeout*'
        $emulator.RequestCount | Should -Be $before
    }
}

Describe 'Get-RbHardwareConfig and Get-RbPackNode' {
    It 'lists the configurations, none current without a task' {
        $configs = Get-RbHardwareConfig
        @($configs).Count | Should -BeGreaterThan 4
        @($configs | Where-Object Current).Count | Should -Be 0
    }

    It 'marks the current configuration of each piped task' {
        $tasks = Get-RbTask -First 3
        $configs = $tasks | Get-RbHardwareConfig
        @($configs | Where-Object Current).Count | Should -Be 3
        # each row says which task it was read for, so the current ones tie back to their tasks
        (@($configs | Where-Object Current).TaskId | Sort-Object) | Should -Be (@($tasks.Id) | Sort-Object)
        @(Get-RbHardwareConfig | Where-Object TaskId).Count | Should -Be 0
    }

    It 'lists the pack nodes' {
        (Get-RbPackNode).PackNodeId | Should -Be @(809, 811)
    }
}

Describe 'Get-RbOperationLog and Get-RbLoginLog' {
    It 'records the tasks a pipeline stopped, by alias, across pages' {
        $tasks = Get-RbTask -Status Rendering, Waiting -First 12
        foreach ($t in $tasks) { Stop-RbTask -Id $t.Id -Confirm:$false }
        $log = Get-RbOperationLog -PageSize 5 -After (Get-Date).AddHours(-1)
        $stops = @($log | Where-Object Action -eq 'btn_stop')
        $stops.Count | Should -Be 12
        ($stops | ForEach-Object { $_.TaskAliases }) | Sort-Object | Should -Be ($tasks.Alias | Sort-Object)
        ($emulator.Requests | Where-Object Operation -eq 'taskRecord').Count | Should -BeGreaterThan 2
    }

    It 'honours -First' {
        @(Get-RbOperationLog -First 3).Count | Should -Be 3
    }

    It 'refuses -After later than -Before before sending' {
        $before = $emulator.RequestCount
        { Get-RbOperationLog -After (Get-Date) -Before (Get-Date).AddDays(-1) -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidLogTimeRange*'
        $emulator.RequestCount | Should -Be $before
    }

    It 'counts each connect as a login' {
        $count = @(Get-RbLoginLog).Count
        Connect-Renderbus -Emulator $emulator
        $logins = @(Get-RbLoginLog)
        $logins.Count | Should -Be ($count + 1)
        $logins[0].Succeeded | Should -BeTrue
    }
}

Describe 'Get-RbTransferConfig, Get-RbTransferServer and Get-RbRaySyncKey' {
    It 'joins the bids and the engines' {
        $config = Get-RbTransferConfig
        $config.InputBid | Should -Not -BeNullOrEmpty
        $config.DefaultEngine.Name | Should -Be 'RaySync'
        @($config.Engines.Lines).Count | Should -BeGreaterThan 3
    }

    It 'never shows an engine password' {
        $config = Get-RbTransferConfig
        $account = $config.Engines | ForEach-Object { $_.Accounts } | Select-Object -First 1
        $password = [System.Net.NetworkCredential]::new('', $account.Password).Password
        $password.Length | Should -BeGreaterThan 10
        $text = ($config | Format-List * | Out-String) + ($config.Engines | Format-Table | Out-String) + ($config.Engines.Accounts | Format-List * | Out-String)
        $text | Should -Not -Match ([regex]::Escape($password))
    }

    It 'gets the server of the session zone' {
        $server = Get-RbTransferServer
        $server.ServerIp | Should -Be '127.0.0.1'
        $server.Port | Should -BeGreaterThan 0
    }

    It 'keeps the RaySync keys out of every stream' {
        $key = Get-RbRaySyncKey -Verbose 4>&1 | Where-Object { $_ -is [RenderbusPS.Core.Models.RbRaySyncKey] }
        $plain = [System.Net.NetworkCredential]::new('', $key.RaySyncUserKey).Password
        $user = [System.Net.NetworkCredential]::new('', $key.UserKey).Password
        $plain.Length | Should -Be 40
        $streams = Get-RbRaySyncKey -Verbose *>&1 | Out-String
        $shown = ($key | Format-Table | Out-String) + ($key | Format-List * | Out-String) + ($key | Out-String) + "$key" + $streams + ($key | ConvertTo-Json -Depth 3)
        $shown | Should -Match 'rb_emulator_71'
        $shown | Should -Not -Match $plain
        $shown | Should -Not -Match $user
    }
}
