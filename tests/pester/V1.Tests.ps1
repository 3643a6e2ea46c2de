#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# A session on the v1 path set (API protocol v4, header version 1.0.0) drives the same pipelines as a current one where
# the operation exists in v1, against the same emulator; an operation v1 lacks fails per item naming the path set.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 21 -TaskCount 600 -Speed 0 -Confirm:$false
    $script:current = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:v1 = Connect-Renderbus -Emulator $script:emulator -PathSet V1 -PassThru

    # every request since the last ClearRequests went to a v1 path of its operation
    function script:AssertOnlyV1Paths {
        $requests = @($script:emulator.Requests)
        $requests.Count | Should -BeGreaterThan 0
        foreach ($r in $requests) {
            $r.Path | Should -BeLike '/api/render/*' -Because $r.Operation
            $r.Path | Should -Not -BeLike '/api/render/handle/*' -Because $r.Operation
            $r.Path | Should -Not -BeLike '/api/rendering/*' -Because $r.Operation
            $r.Path | Should -Not -BeLike '/api/render/plugin/*' -Because $r.Operation
        }
    }
    function script:Sent([string] $path) { @($script:emulator.Requests | Where-Object Path -eq $path).Count }
}

AfterAll {
    Disconnect-Renderbus -Session $script:current -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'A V1 session' {
    It 'is the default session and says its path set' {
        $script:v1.PathSet | Should -Be 'V1'
        (Get-RbSession).PathSet | Should -Be 'V1'
        $script:current.PathSet | Should -Be 'Current'
    }

    It 'pages through every task as a current session does, on the v1 path' {
        $script:emulator.ClearRequests()
        $old = @(Get-RbTask)
        AssertOnlyV1Paths
        Sent '/api/render/task/getTaskList' | Should -Be ([math]::Ceiling($old.Count / 100))
        $now = @(Get-RbTask -Session $script:current)
        $old.Count | Should -BeGreaterThan 500
        ($old.Id -join ',') | Should -Be ($now.Id -join ',')
        (Get-RbTask -Id $old[0].Id).SceneName | Should -Be $now[0].SceneName
    }
}

Describe 'Stop-RbTask and Start-RbTask on a V1 session' {
    It 'changes nothing with -WhatIf' {
        $before = @(Get-RbTask -Status Rendering)
        $script:emulator.ClearRequests()
        $before | Stop-RbTask -WhatIf
        Sent '/api/render/task/stopTask' | Should -Be 0
        @(Get-RbTask -Status Rendering).Count | Should -Be $before.Count
    }

    It 'Get-RbTask -Status Rendering | Stop-RbTask stops every one, one v1 call per 100 tasks' {
        $rendering = @(Get-RbTask -Status Rendering)
        $rendering.Count | Should -BeGreaterThan 0
        $script:emulator.ClearRequests()
        Get-RbTask -Status Rendering | Stop-RbTask -Confirm:$false
        AssertOnlyV1Paths
        Sent '/api/render/task/stopTask' | Should -Be ([math]::Ceiling($rendering.Count / 100))
        Get-RbTask -Status Rendering | Should -BeNullOrEmpty
        (Get-RbTask -Id $rendering.Id -Session $script:current).Status | Sort-Object -Unique | Should -Be 'Stopped'
    }

    It 'Get-RbTask -Status Stopped | Start-RbTask -PassThru starts them again' {
        $stopped = @(Get-RbTask -Status Stopped -First 5)
        $script:emulator.ClearRequests()
        $started = $stopped | Start-RbTask -PassThru -Confirm:$false
        AssertOnlyV1Paths
        ($started.Id | Sort-Object) | Should -Be ($stopped.Id | Sort-Object)
        $started.Status | Sort-Object -Unique | Should -Be 'Waiting'
    }

    It 'reports one error per task that cannot be stopped' {
        $finished = Get-RbTask -Status Finished -First 2
        $finished | Stop-RbTask -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*' }
        ($errs.TargetObject | Sort-Object) | Should -Be ($finished.Id | Sort-Object)
    }
}

Describe 'Frames on a V1 session' {
    It 'Get-RbFrame | Restart-RbFrame restarts the failed frames through restartFrame and puts the task back in the queue' {
        $task = Get-RbTask -Status FinishedWithFailedFrames | Where-Object FailedFrames -gt 0 | Select-Object -First 1
        $failed = @(Get-RbFrame -TaskId $task.Id -Status Failed)
        $failed.Count | Should -Be $task.FailedFrames
        $script:emulator.ClearRequests()
        $restarted = Get-RbFrame -TaskId $task.Id -Status Failed | Restart-RbFrame -PassThru -Confirm:$false
        AssertOnlyV1Paths
        Sent '/api/render/task/restartFrame' | Should -Be 1
        $restarted.Count | Should -Be $failed.Count
        $restarted.Status | Sort-Object -Unique | Should -Be 'Waiting'
        Get-RbFrame -TaskId $task.Id -Status Failed -Session $script:current | Should -BeNullOrEmpty
        (Get-RbTask -Id $task.Id -Session $script:current).Status | Should -Be 'Waiting'
    }

    It 'Stop-RbFrame, whose operation v1 lacks, writes one Rb.NotInPathSet error per frame and sends nothing' {
        $task = Get-RbTask -Status Waiting, Rendering | Where-Object { @(Get-RbFrame -TaskId $_.Id -Status Waiting -First 3).Count -eq 3 } | Select-Object -First 1
        $frames = @(Get-RbFrame -TaskId $task.Id -Status Waiting -First 3)
        $frames.Count | Should -Be 3
        $script:emulator.ClearRequests()
        $out = $frames | Stop-RbFrame -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($script:emulator.Requests).Count | Should -Be 0
        $errs.Count | Should -Be $frames.Count
        $errs | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'Rb.NotInPathSet,*'
            $_.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $_.Exception.Message | Should -Match 'V1 path set'
            $_.ErrorDetails.RecommendedAction | Should -Match '-PathSet Current'
        }
        ($errs.TargetObject | Sort-Object) | Should -Be ($frames.FrameId | Sort-Object)
        (Get-RbFrame -TaskId $task.Id -Status Waiting -Session $script:current).FrameId | Should -Contain $frames[0].FrameId
    }

    It 'the same frames stop on a current session passed with -Session' {
        $task = Get-RbTask -Status Waiting, Rendering | Where-Object { @(Get-RbFrame -TaskId $_.Id -Status Waiting -First 3).Count -eq 3 } | Select-Object -First 1
        $stopped = Get-RbFrame -TaskId $task.Id -Status Waiting -First 2 | Stop-RbFrame -Session $script:current -PassThru -Confirm:$false
        @($stopped).Count | Should -Be 2
        $stopped.Status | Sort-Object -Unique | Should -Be 'Stopped'
    }
}

Describe 'Wait-RbTask on a V1 session' {
    It 'waits until piped tasks have ended and writes them with -PassThru' {
        $busy = @(Get-RbTask -Status Waiting, Rendering | Select-Object -First 3)
        $busy.Count | Should -Be 3
        $script:emulator.Advance([TimeSpan]::FromDays(3))
        $script:emulator.ClearRequests()
        $ended = $busy | Wait-RbTask -Timeout ([TimeSpan]::FromSeconds(30)) -PollInterval ([TimeSpan]::FromSeconds(1)) -PassThru
        AssertOnlyV1Paths
        ($ended.Id | Sort-Object) | Should -Be ($busy.Id | Sort-Object)
        $ended.Status | Should -Not -Contain 'Waiting'
        $ended.Status | Should -Not -Contain 'Rendering'
    }
}

Describe 'Errors, software and environments on a V1 session' {
    It 'Get-RbErrorDetail explains several codes, one v1 call per code, as a current session does' {
        $script:emulator.ClearRequests()
        $old = Get-RbErrorDetail -Code 15000, 50001
        AssertOnlyV1Paths
        Sent '/api/render/common/queryErrorDetail' | Should -Be 2
        $now = Get-RbErrorDetail -Code 15000, 50001 -Session $script:current
        ($old.Description -join '|') | Should -Be ($now.Description -join '|')
    }

    It 'Get-RbSoftware and Get-RbRenderEnv read the same catalog and environments' {
        $script:emulator.ClearRequests()
        (Get-RbSoftware).Name | Should -Contain 'Maya'
        $versions = Get-RbSoftware -Name Maya -ListVersion
        AssertOnlyV1Paths
        Sent '/api/render/common/querySupportedPlugin' | Should -BeGreaterThan 0
        ($versions.Version -join ',') | Should -Be ((Get-RbSoftware -Name Maya -ListVersion -Session $script:current).Version -join ',')
        ((Get-RbRenderEnv).Name | Sort-Object) | Should -Be ((Get-RbRenderEnv -Session $script:current).Name | Sort-Object)
    }

    It 'refuses Linux plugins, which v1 cannot ask for, with Rb.NotInPathSet and sends nothing' {
        $script:emulator.ClearRequests()
        Get-RbSoftware -Name Maya -ListVersion -OS Linux -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInPathSet*'
        $errs[0].Exception.Message | Should -Match 'V1 path set'
        Sent '/api/render/common/querySupportedPlugin' | Should -Be 0
    }
}

Describe 'Account, transfer and projects on a V1 session' {
    It 'Set-RbUserSetting sends the time-out in hours and Get-RbUserSetting reads it back as a current session does' {
        $script:emulator.ClearRequests()
        Set-RbUserSetting -TaskTimeout (New-TimeSpan -Hours 6) -Confirm:$false
        $old = Get-RbUserSetting
        AssertOnlyV1Paths
        Sent '/api/render/user/updateUserSetting' | Should -Be 1
        $old.TaskTimeout | Should -Be ([timespan]'06:00:00')
        (Get-RbUserSetting -Session $script:current).TaskTimeout | Should -Be ([timespan]'06:00:00')
    }

    It 'refuses a time-out that is not whole hours, which v1 cannot express, and sends nothing' {
        $script:emulator.ClearRequests()
        { Set-RbUserSetting -TaskTimeout 5400 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NotInPathSet*'
        # -WhatIf does not promise a change the path set cannot make
        { Set-RbUserSetting -TaskTimeout 5400 -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NotInPathSet*'
        Sent '/api/render/user/updateUserSetting' | Should -Be 0
    }

    It 'Get-RbTransferConfig reads the bids through getTransferBid; v1 has no getConfig, so there are no engines' {
        $script:emulator.ClearRequests()
        $old = Get-RbTransferConfig
        AssertOnlyV1Paths
        Sent '/api/render/task/getTransferBid' | Should -Be 1
        $now = Get-RbTransferConfig -Session $script:current
        $old.InputBid | Should -Be $now.InputBid
        @($old.Engines).Count | Should -Be 0
        @($now.Engines).Count | Should -BeGreaterThan 0
    }

    It 'Get-RbTransferServer, Get-RbRaySyncKey and Get-RbPlugin answer on their v1 paths as on the current ones' {
        $script:emulator.ClearRequests()
        $server = Get-RbTransferServer
        $key = Get-RbRaySyncKey
        $plugins = @(Get-RbPlugin -Software Maya -OS Windows)
        AssertOnlyV1Paths
        Sent '/api/render/task/getTransferServerMsg' | Should -Be 1
        Sent '/api/render/user/getRaySyncUserKey' | Should -Be 1
        $server.Port | Should -Be (Get-RbTransferServer -Session $script:current).Port
        $key.UserName | Should -Be (Get-RbRaySyncKey -Session $script:current).UserName
        $plugins.Count | Should -Be @(Get-RbPlugin -Software Maya -OS Windows -Session $script:current).Count
        $plugins.Count | Should -BeGreaterThan 0
    }

    It 'New-RbProject, Get-RbProject and Remove-RbProject go through the v1 label paths and change the same account' {
        $script:emulator.ClearRequests()
        New-RbProject -Name v1_pester_project -Confirm:$false
        (Get-RbProject).Name | Should -Contain 'v1_pester_project'
        (Get-RbProject -Session $script:current).Name | Should -Contain 'v1_pester_project'
        Get-RbProject -Name v1_pester_project | Remove-RbProject -Confirm:$false
        AssertOnlyV1Paths
        Sent '/api/render/common/addLabel' | Should -Be 1
        Sent '/api/render/common/deleteLabel' | Should -Be 1
        (Get-RbProject -Session $script:current).Name | Should -Not -Contain 'v1_pester_project'
    }

    It 'New-RbRenderEnv, Set-RbRenderEnv -Default and Remove-RbRenderEnv change the environments a current session sees' {
        New-RbRenderEnv -Name v1-pester-env -Software Maya -Version 2023 -OS Windows -Confirm:$false | Out-Null
        $script:emulator.ClearRequests()
        Get-RbRenderEnv -Software Maya | Where-Object Name -eq 'v1-pester-env' | Set-RbRenderEnv -Default -Confirm:$false
        AssertOnlyV1Paths
        (Get-RbRenderEnv -Software Maya -OS Windows -Session $script:current | Where-Object IsDefault).Name | Should -Be 'v1-pester-env'
        # the default cannot go while others remain: give the default back first
        $script:emulator.ClearRequests()
        Get-RbRenderEnv -Software Maya | Where-Object Name -eq 'maya2022-arnold' | Set-RbRenderEnv -Default -Confirm:$false
        Get-RbRenderEnv -Software Maya | Where-Object Name -eq 'v1-pester-env' | Remove-RbRenderEnv -Confirm:$false
        AssertOnlyV1Paths
        Sent '/api/render/common/deleteRenderEnv' | Should -Be 1
        (Get-RbRenderEnv -Session $script:current).Name | Should -Not -Contain 'v1-pester-env'
    }
}
